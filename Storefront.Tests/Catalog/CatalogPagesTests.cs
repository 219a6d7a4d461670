using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>Browsing the seeded demo catalog as a shopper. Nothing here changes the database.</summary>
public sealed class CatalogPagesTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task Home_lists_the_featured_products_and_every_category()
    {
        var products = await app.PublishedProductsAsync();
        var featured = products.Where(p => p.IsFeatured).Select(p => p.Slug).ToList();
        var categories = await app.WithDbAsync(db => db.Categories.Select(c => c.Slug).ToListAsync());
        using var browser = app.CreateBrowser();

        var home = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        var cards = CatalogPage.Cards(home);
        Assert.NotEmpty(featured);
        Assert.Equal(Math.Min(featured.Count, CatalogService.FeaturedCount), cards.Count);
        Assert.All(cards, card => Assert.Contains(card.Slug, featured));
        Assert.All(cards, card => Assert.StartsWith("$", card.Price));
        foreach (var category in categories)
            Assert.NotNull(home.Document.QuerySelector($"a[href='/products?category={category}']"));
    }

    [Fact]
    public async Task Products_are_listed_twelve_a_page_and_the_pages_cover_every_published_product_once()
    {
        var published = (await app.PublishedProductsAsync()).Select(p => p.Slug).Order().ToList();
        var pageCount = (published.Count + CatalogService.PageSize - 1) / CatalogService.PageSize;
        Assert.True(pageCount >= 2, "The demo catalog should fill more than one page.");
        using var browser = app.CreateBrowser();

        var seen = new List<string>();
        string? url = "/products";
        for (var number = 1; url is not null; number++)
        {
            var page = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var cards = CatalogPage.Cards(page);
            Assert.Equal(number < pageCount ? CatalogService.PageSize : published.Count - (pageCount - 1) * CatalogService.PageSize, cards.Count);
            Assert.Equal(number == 1, CatalogPage.LinkTo(page, "prev") is null);
            seen.AddRange(cards.Select(c => c.Slug));
            url = CatalogPage.LinkTo(page, "next");
        }

        Assert.Equal(published, seen.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/products?page={pageCount + 1}")).Status);
    }

    [Fact]
    public async Task Every_card_links_to_its_product_by_name_with_an_image_described_by_the_name()
    {
        var names = (await app.PublishedProductsAsync()).ToDictionary(p => p.Slug, p => p.Names.En);
        using var browser = app.CreateBrowser();

        var cards = CatalogPage.Cards(await browser.GetAsync("/products"));

        Assert.NotEmpty(cards);
        Assert.All(cards, card =>
        {
            Assert.Equal(names[card.Slug], card.Name);
            Assert.Equal(card.Name, card.ImageAlt);
        });
    }

    [Theory]
    [InlineData("celadon")]
    [InlineData("CELADON")]
    [InlineData("  Celadon  ")]
    public async Task Search_finds_a_product_by_name_whatever_the_case_and_spacing(string query)
    {
        var celadon = (await app.PublishedProductsAsync()).Where(p => p.Mentions("celadon")).Select(p => p.Slug).Order().ToList();
        Assert.NotEmpty(celadon);
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync($"/products?q={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(celadon, CatalogPage.Cards(page).Select(c => c.Slug).Order());
        Assert.Equal("celadon", (page.Document.QuerySelector("#search-q")?.GetAttribute("value") ?? "").ToLowerInvariant());
    }

    [Fact]
    public async Task Search_looks_in_descriptions_too_and_says_so_when_nothing_matches()
    {
        var product = (await app.PublishedProductsAsync()).First(p => p.Descriptions.En!.Contains("Hallasan", StringComparison.Ordinal));
        using var browser = app.CreateBrowser();

        var found = await browser.GetAsync("/products?q=hallasan");
        var none = await browser.GetAsync("/products?q=no-such-thing-at-all");

        Assert.Contains(product.Slug, CatalogPage.Cards(found).Select(c => c.Slug));
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Empty(CatalogPage.Cards(none));
        Assert.Contains("No products match", none.Document.QuerySelector(".notice").Text());
    }

    [Fact]
    public async Task Paging_through_search_results_keeps_the_search()
    {
        var matches = (await app.PublishedProductsAsync()).Where(p => p.Mentions("a")).Select(p => p.Slug).Order().ToList();
        Assert.True(matches.Count > CatalogService.PageSize);
        using var browser = app.CreateBrowser();

        var first = await browser.GetAsync("/products?q=A");
        var next = CatalogPage.LinkTo(first, "next");
        Assert.Equal("/products?q=A&page=2", next);
        var second = await browser.GetAsync(next!);

        Assert.Equal("/products?q=A&page=1", CatalogPage.LinkTo(second, "prev"));
        var seen = CatalogPage.Cards(first).Concat(CatalogPage.Cards(second)).Select(c => c.Slug).ToList();
        Assert.All(seen, slug => Assert.Contains(slug, matches));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Category_filter_shows_only_that_category_and_is_kept_with_a_search()
    {
        var products = await app.PublishedProductsAsync();
        var ceramics = products.Where(p => p.Category.Slug == "ceramics").Select(p => p.Slug).Order().ToList();
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/products?category=ceramics");
        var searched = await browser.GetAsync("/products?category=tea&q=green");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Ceramics", page.Document.QuerySelector("h1").Text());
        Assert.Equal(ceramics, CatalogPage.Cards(page).Select(c => c.Slug).Order());
        Assert.Equal("ceramics", page.Document.QuerySelector("select[name=category] option[selected]")?.GetAttribute("value"));
        var greenTeas = CatalogPage.Cards(searched);
        Assert.NotEmpty(greenTeas);
        Assert.All(greenTeas, card => Assert.Equal("Tea", card.Category));
        Assert.True(greenTeas.Count < products.Count(p => p.Category.Slug == "tea"));
    }

    [Fact]
    public async Task Product_page_shows_name_image_description_category_stock_and_price()
    {
        var product = (await app.PublishedProductsAsync()).First(p => p.Stock > StockStatus.LowStockThreshold);
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync($"/products/{product.Slug}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(product.Names.En, page.Document.QuerySelector("h1").Text());
        Assert.Equal(product.PriceIn("USD")!.Value.ToString(), page.Document.QuerySelector("[data-testid=price]").Text());
        Assert.Equal("In stock", page.Document.QuerySelector(".product-detail .stock").Text());
        Assert.Equal(product.Descriptions.En, page.Document.QuerySelector(".product-detail-description p").Text());
        var image = page.Document.QuerySelector($"img[src='{product.ImagePath}']");
        Assert.Equal(product.Names.En, image?.GetAttribute("alt"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/products?category={product.Category.Slug}']"));
    }

    [Fact]
    public async Task Product_page_says_how_many_are_left_when_few_are_and_when_none_are()
    {
        var products = await app.PublishedProductsAsync();
        var few = products.First(p => p.Stock is > 0 and <= StockStatus.LowStockThreshold);
        var none = products.First(p => p.Stock == 0);
        using var browser = app.CreateBrowser();

        var fewPage = await browser.GetAsync($"/products/{few.Slug}");
        var nonePage = await browser.GetAsync($"/products/{none.Slug}");

        Assert.Equal($"Only {few.Stock} left", fewPage.Document.QuerySelector(".product-detail .stock").Text());
        Assert.Equal("Out of stock", nonePage.Document.QuerySelector(".product-detail .stock").Text());
    }

    [Fact]
    public async Task Unknown_product_is_a_404_with_the_error_page()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/products/no-such-product");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.NotNull(page.Document.QuerySelector(".error-page"));
        Assert.Equal("Page not found", page.Document.QuerySelector("h1").Text());
    }

    [Fact]
    public async Task Choosing_korea_in_the_header_shows_won_and_japan_shows_yen()
    {
        var product = (await app.PublishedProductsAsync()).First(p => p.IsFeatured);
        using var browser = app.CreateBrowser();
        var productPage = await browser.GetAsync($"/products/{product.Slug}");

        // Whether or not the client follows the redirect back, the cookie it set decides the next page.
        var toKorea = await browser.SubmitAsync(productPage, "form.country-picker", new Dictionary<string, string> { ["country"] = "KR" });
        Assert.True((int)toKorea.StatusCode < 400, $"Choosing KR answered {toKorea.StatusCode}.");
        var inKorea = await browser.GetAsync($"/products/{product.Slug}");
        var homeInKorea = await browser.GetAsync("/");

        var toJapan = await browser.SubmitAsync(homeInKorea, "form.country-picker", new Dictionary<string, string> { ["country"] = "JP" });
        Assert.True((int)toJapan.StatusCode < 400, $"Choosing JP answered {toJapan.StatusCode}.");
        var inJapan = await browser.GetAsync($"/products/{product.Slug}");
        var homeInJapan = await browser.GetAsync("/");

        Assert.Equal(product.PriceIn("KRW")!.Value.ToString(), inKorea.Document.QuerySelector("[data-testid=price]").Text());
        Assert.StartsWith("₩", inKorea.Document.QuerySelector("[data-testid=price]").Text());
        Assert.All(CatalogPage.Cards(homeInKorea), card => Assert.StartsWith("₩", card.Price));
        Assert.Equal(product.PriceIn("JPY")!.Value.ToString(), inJapan.Document.QuerySelector("[data-testid=price]").Text());
        Assert.StartsWith("¥", inJapan.Document.QuerySelector("[data-testid=price]").Text());
        Assert.All(CatalogPage.Cards(homeInJapan), card => Assert.StartsWith("¥", card.Price));
    }

    [Fact]
    public async Task A_korean_browser_without_a_country_cookie_sees_won()
    {
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");

        var page = await browser.GetAsync("/products");

        var prices = CatalogPage.Cards(page).Select(c => c.Price).ToList();
        Assert.NotEmpty(prices);
        Assert.All(prices, price => Assert.StartsWith("₩", price));
    }

    [Theory]
    [InlineData("ZZ")]
    [InlineData("garbage-%E2%82%A9")]
    [InlineData("")]
    public async Task A_tampered_country_cookie_falls_back_to_the_default_market(string cookie)
    {
        using var browser = BrowserWithCookieHeader($"{Storefront.Shared.ShopperMarket.CookieName}={cookie}");

        var page = await browser.GetAsync("/products");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.All(CatalogPage.Cards(page), card => Assert.StartsWith("$", card.Price));
        Assert.Equal("US", page.Document.QuerySelector("form.country-picker select option[selected]")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/products?page=-1", HttpStatusCode.OK)]
    [InlineData("/products?page=abc", HttpStatusCode.OK)]
    [InlineData("/products?page=", HttpStatusCode.OK)]
    [InlineData("/products?page=99999999999999999999", HttpStatusCode.OK)]
    [InlineData("/products?category=no-such-category", HttpStatusCode.NotFound)]
    [InlineData("/products?category=../../etc", HttpStatusCode.NotFound)]
    [InlineData("/products/no-such-product", HttpStatusCode.NotFound)]
    public async Task Bad_input_gets_a_sane_answer_never_a_server_error(string url, HttpStatusCode expected)
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(url);

        Assert.Equal(expected, page.Status);
        if (expected == HttpStatusCode.OK)
            Assert.Equal(CatalogService.PageSize, CatalogPage.Cards(page).Count);
        else
            Assert.NotNull(page.Document.QuerySelector(".error-page"));
    }

    [Fact]
    public async Task A_ten_thousand_character_search_is_cut_short_and_answered()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/products?q=" + new string('a', 10_000));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(new string('a', CatalogService.MaxQueryLength), page.Document.QuerySelector("#search-q")?.GetAttribute("value"));
    }

    [Fact]
    public async Task An_unknown_country_from_the_picker_is_a_400()
    {
        using var browser = app.CreateBrowser();
        var home = await browser.GetAsync("/");

        var response = await browser.SubmitAsync(home, "form.country-picker", new Dictionary<string, string> { ["country"] = "ZZ" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            cookie => cookie.StartsWith(Storefront.Shared.ShopperMarket.CookieName + "=", StringComparison.Ordinal));
    }

    /// <summary>A browser that sends exactly the given Cookie header, as a tampering client would.</summary>
    private Browser BrowserWithCookieHeader(string cookieHeader)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return new Browser(client);
    }
}
