using System.Net;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>The demo catalog in Korean and English: each shopper reads their own language, and search looks in both.</summary>
public sealed class BilingualCatalogTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task Korean_and_english_words_find_the_same_products_whichever_language_the_shopper_reads()
    {
        var products = await app.PublishedProductsAsync();
        var greenTea = products.Where(p => p.Mentions("녹차")).Select(p => p.Slug).Order().ToList();
        Assert.Contains("jeju-sejak-green-tea", greenTea);
        // The seed says "green tea" in English wherever it says 녹차 in Korean.
        Assert.Equal(greenTea, products.Where(p => p.Mentions("green tea")).Select(p => p.Slug).Order());

        foreach (var (query, language) in new[] { ("녹차", "ko-KR"), ("green tea", "ko-KR"), ("GREEN TEA", "en"), ("녹차", "en"), ("  Green Tea ", "en") })
        {
            using var browser = app.CreateBrowser(acceptLanguage: language);
            var page = await browser.GetAsync("/products?q=" + Uri.EscapeDataString(query));

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.True(greenTea.SequenceEqual(CatalogPage.Cards(page).Select(c => c.Slug).Order()),
                $"'{query}' read in {language} found {string.Join(", ", CatalogPage.Cards(page).Select(c => c.Slug))}");
        }
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("녹%차")]
    [InlineData("[a-z]")]
    public async Task A_wildcard_in_a_search_matches_only_itself(string query)
    {
        Assert.DoesNotContain(await app.PublishedProductsAsync(), p => p.Mentions(query));
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/products?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(CatalogPage.Cards(page));
    }

    [Fact]
    public async Task A_korean_shopper_reads_names_categories_and_picture_descriptions_in_korean()
    {
        var products = (await app.PublishedProductsAsync()).ToDictionary(p => p.Slug);
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");

        var home = await browser.GetAsync("/");

        var cards = CatalogPage.Cards(home);
        Assert.NotEmpty(cards);
        Assert.All(cards, card =>
        {
            var product = products[card.Slug];
            Assert.Equal((product.Names.Ko, product.Names.Ko, product.Category.Names.Ko), (card.Name, card.ImageAlt, card.Category));
        });
        var shelves = home.Document.QuerySelectorAll(".category-list a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("도자기", shelves);
        Assert.Equal("추천 상품", home.Document.QuerySelector("#featured-heading").Text());
    }

    [Fact]
    public async Task The_product_page_speaks_the_shoppers_language_and_its_switch_changes_it()
    {
        var tea = (await app.PublishedProductsAsync()).Single(p => p.Slug == "jeju-sejak-green-tea");
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");

        var korean = await browser.GetAsync($"/products/{tea.Slug}");
        await browser.SubmitAsync(korean, "form.language-switch", new Dictionary<string, string> { ["culture"] = "en" });
        var english = await browser.GetAsync($"/products/{tea.Slug}");

        Assert.Equal("제주 유기농 세작 녹차", korean.Document.QuerySelector("h1").Text());
        Assert.Equal(tea.Descriptions.Ko, korean.Document.QuerySelector(".product-detail-description p").Text());
        Assert.Equal(tea.Names.Ko, korean.Document.QuerySelector(".product-detail-image")?.GetAttribute("alt"));
        Assert.Equal("차", korean.Document.QuerySelector(".product-detail-category").Text());
        Assert.Equal("장바구니 담기", korean.Document.QuerySelector("form.product-purchase button").Text());
        Assert.StartsWith("제주 유기농 세작 녹차", korean.Document.Title, StringComparison.Ordinal);
        Assert.Equal("Jeju Sejak Green Tea", english.Document.QuerySelector("h1").Text());
        Assert.Equal(tea.Descriptions.En, english.Document.QuerySelector(".product-detail-description p").Text());
        Assert.Equal("Tea", english.Document.QuerySelector(".product-detail-category").Text());
    }

    [Theory]
    [InlineData("ko-KR")]
    [InlineData("en")]
    public async Task A_shelf_is_in_name_order_in_the_shoppers_language(string language)
    {
        var names = (await app.PublishedProductsAsync()).Where(p => p.Category.Slug == "tea")
            .Select(p => language == "en" ? p.Names.En! : p.Names.Ko!).ToList();
        using var browser = app.CreateBrowser(acceptLanguage: language);

        var page = await browser.GetAsync("/products?category=tea");

        Assert.Equal(names.Order(StringComparer.Ordinal), CatalogPage.Cards(page).Select(c => c.Name));
    }

    [Fact]
    public async Task The_cart_names_its_lines_in_the_language_the_shopper_reads_now()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync("yuja-citron-tea");

        var korean = await browser.GetAsync("/cart");
        await browser.SubmitAsync(korean, "form.language-switch", new Dictionary<string, string> { ["culture"] = "en" });
        var english = await browser.GetAsync("/cart");

        Assert.Contains("고흥 유자차", korean.Document.QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.Contains("Yuja Citron Tea", english.Document.QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("고흥 유자차", english.Document.QuerySelector("main").Text(), StringComparison.Ordinal);
    }
}
