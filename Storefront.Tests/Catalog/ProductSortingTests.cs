using System.Net;
using AngleSharp.Html.Dom;
using Storefront.Catalog;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>
/// The product list's <c>sort=</c>: every page of the seeded catalog, walked through the pager's own links, in the
/// order asked for, each product once. Nothing here changes the database.
/// </summary>
public sealed class ProductSortingTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task Price_low_to_high_lists_every_product_once_cheapest_first_in_the_shoppers_currency()
    {
        var products = await app.PublishedProductsAsync();
        using var browser = app.CreateBrowser();

        var slugs = await WalkAsync(browser, "/products?sort=price-asc");

        var prices = slugs.Select(slug => products.Single(p => p.Slug == slug).PriceIn("USD")?.MinorUnits ?? long.MaxValue).ToList();
        Assert.Equal(products.Select(p => p.Slug).Order(), slugs.Order());
        Assert.Equal(prices.Order(), prices);
        Assert.NotEqual(1, prices.Distinct().Count());
    }

    [Fact]
    public async Task Price_high_to_low_lists_the_dearest_first_and_paging_keeps_the_order()
    {
        var products = await app.PublishedProductsAsync();
        using var browser = app.CreateBrowser();

        var slugs = await WalkAsync(browser, "/products?sort=price-desc");

        var prices = slugs.Select(slug => products.Single(p => p.Slug == slug).PriceIn("USD")?.MinorUnits ?? -1).ToList();
        Assert.Equal(products.Select(p => p.Slug).Order(), slugs.Order());
        Assert.Equal(prices.OrderDescending(), prices);
    }

    [Fact]
    public async Task Prices_are_the_ones_of_the_shoppers_market()
    {
        var products = await app.PublishedProductsAsync();
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await CountryAsync(browser, "KR");

        var slugs = await WalkAsync(browser, "/products?sort=price-asc");

        var won = slugs.Select(slug => products.Single(p => p.Slug == slug).PriceIn("KRW")?.MinorUnits ?? long.MaxValue).ToList();
        Assert.Equal(won.Order(), won);
    }

    [Theory]
    [InlineData("en", false)]
    [InlineData("ko-KR", true)]
    public async Task Name_sorts_by_the_name_in_the_shoppers_language(string language, bool korean)
    {
        var products = await app.PublishedProductsAsync();
        using var browser = app.CreateBrowser(acceptLanguage: language);

        var slugs = await WalkAsync(browser, "/products?sort=name");

        var names = slugs.Select(slug => products.Single(p => p.Slug == slug).Names)
            .Select(n => korean ? n.Ko ?? n.En! : n.En ?? n.Ko!).ToList();
        Assert.Equal(products.Count, slugs.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task Newest_lists_the_products_added_last_first()
    {
        var products = await app.PublishedProductsAsync();
        using var browser = app.CreateBrowser();

        var slugs = await WalkAsync(browser, "/products?sort=newest");

        Assert.Equal(products.OrderByDescending(p => p.Id).Select(p => p.Slug), slugs);
    }

    [Theory]
    [InlineData("cheapest")]
    [InlineData("PRICE_ASC")]
    [InlineData("")]
    [InlineData("price-asc'--")]
    public async Task An_unknown_sort_is_the_default_order_not_an_error(string sort)
    {
        using var browser = app.CreateBrowser();

        var shelf = await WalkAsync(browser, "/products");
        var unknown = await WalkAsync(browser, "/products?sort=" + Uri.EscapeDataString(sort));

        Assert.Equal(shelf, unknown);
    }

    [Fact]
    public async Task A_search_is_ordered_by_relevance_names_before_descriptions_unless_another_order_is_chosen()
    {
        var products = await app.PublishedProductsAsync();
        const string term = "tea";
        var inName = products.Where(p => (p.Names.Ko + " " + p.Names.En).Contains(term, StringComparison.OrdinalIgnoreCase)).Select(p => p.Slug).ToHashSet();
        var matching = products.Where(p => p.Mentions(term)).Select(p => p.Slug).ToHashSet();
        Assert.NotEmpty(inName);
        Assert.NotEqual(inName.Count, matching.Count);
        using var browser = app.CreateBrowser();

        var relevant = await WalkAsync(browser, "/products?q=" + term);
        var byName = await WalkAsync(browser, $"/products?q={term}&sort=name");

        Assert.Equal(matching.Order(), relevant.Order());
        Assert.True(relevant.Take(inName.Count).All(inName.Contains), "Products named after the search come first: " + string.Join(", ", relevant));
        var names = byName.Select(slug => products.Single(p => p.Slug == slug).Names.En!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task The_sort_and_the_category_are_one_get_form_that_keeps_the_search()
    {
        var category = (await app.PublishedProductsAsync()).GroupBy(p => p.Category.Slug).OrderByDescending(g => g.Count()).First().Key;
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync($"/products?q=a&category={category}&sort=price-desc");

        var form = Assert.IsAssignableFrom<IHtmlFormElement>(page.Document.QuerySelector("form.catalog-search"));
        Assert.Equal("get", form.Method, ignoreCase: true);
        Assert.Equal(category, Assert.IsAssignableFrom<IHtmlSelectElement>(form.QuerySelector("select[name=category]")).Value);
        Assert.Equal("price-desc", Assert.IsAssignableFrom<IHtmlSelectElement>(form.QuerySelector("select[name=sort]")).Value);
        Assert.Equal("a", Assert.IsAssignableFrom<IHtmlInputElement>(form.QuerySelector("#search-q")).Value);
        Assert.NotNull(form.QuerySelector("label[for=search-sort]"));
    }

    [Fact]
    public async Task Pager_links_keep_the_sort()
    {
        using var browser = app.CreateBrowser();

        var first = await browser.GetAsync("/products?sort=price-asc");
        var next = CatalogPage.LinkTo(first, "next");

        Assert.NotNull(next);
        Assert.Contains("sort=price-asc", next);
        var second = await browser.GetAsync(next);
        Assert.Contains("sort=price-asc", CatalogPage.LinkTo(second, "prev"));
    }

    [Fact]
    public void Sort_keys_parse_and_print_back_and_relevance_needs_a_query()
    {
        foreach (var (key, sort) in ProductSearch.SortKeys)
        {
            Assert.Equal(sort, ProductSearch.ParseSort(key));
            Assert.Equal(key, ProductSearch.KeyOf(sort));
        }
        Assert.Null(ProductSearch.ParseSort("bogus"));
        Assert.Null(ProductSearch.ParseSort(null));
        Assert.Equal(ProductOrder.Shelf, new ProductSearch("", null, 1, ProductOrder.Relevance).EffectiveSort);
        Assert.Equal(ProductOrder.Relevance, new ProductSearch("tea", null, 1).EffectiveSort);
        Assert.Equal(ProductOrder.Shelf, new ProductSearch("", null, 1).EffectiveSort);
        Assert.Equal(ProductOrder.Name, new ProductSearch("tea", null, 1, ProductOrder.Name).EffectiveSort);
    }

    /// <summary>The slugs of every page from <paramref name="url"/>, following the pager's "next" links.</summary>
    private static async Task<List<string>> WalkAsync(Browser browser, string url)
    {
        var slugs = new List<string>();
        for (string? next = url; next is not null;)
        {
            var page = await browser.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            slugs.AddRange(CatalogPage.Cards(page).Select(c => c.Slug));
            next = CatalogPage.LinkTo(page, "next");
        }
        Assert.Equal(slugs.Distinct().Count(), slugs.Count);
        return slugs;
    }

    private static async Task CountryAsync(Browser browser, string country)
    {
        var page = await browser.GetAsync("/products");
        var response = await browser.SubmitAsync(page, "form.country-picker", new Dictionary<string, string> { ["country"] = country });
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"Country change answered {response.StatusCode}");
    }
}
