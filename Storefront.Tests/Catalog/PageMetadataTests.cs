using System.Net;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>What a search engine or a link preview reads of the shop: descriptions, canonical URLs, Open Graph, icons.</summary>
public sealed class PageMetadataTests(PageMetadataTests.App app) : IClassFixture<PageMetadataTests.App>
{
    public const string PublicBaseUrl = "https://shop.example.kr";

    public sealed class App : StorefrontFactory
    {
        public App() => Settings["Storefront:PublicBaseUrl"] = PublicBaseUrl;
    }

    [Theory]
    [InlineData("en", "en_US", "ko_KR")]
    [InlineData("ko-KR", "ko_KR", "en_US")]
    public async Task A_product_page_describes_the_product_for_search_results_and_link_previews(string language, string locale, string alternate)
    {
        var product = (await app.PublishedProductsAsync()).OrderByDescending(p => p.Descriptions.En!.Length).First();
        var description = language == "en" ? product.Descriptions.En! : product.Descriptions.Ko!;
        var name = language == "en" ? product.Names.En! : product.Names.Ko!;
        using var browser = app.CreateBrowser(acceptLanguage: language);

        var page = await browser.GetAsync($"/products/{product.Slug}?utm_source=mail");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var canonical = $"{PublicBaseUrl}/products/{product.Slug}";
        Assert.Equal(PageDescriptions.Shorten(description), Meta(page, "name", "description"));
        Assert.True(Meta(page, "name", "description")!.Length <= PageDescriptions.MaxLength);
        Assert.Equal(canonical, page.Document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal("product", Meta(page, "property", "og:type"));
        Assert.Equal(name, Meta(page, "property", "og:title"));
        Assert.Equal(PageDescriptions.Shorten(description), Meta(page, "property", "og:description"));
        Assert.Equal(PublicBaseUrl + product.ImagePath, Meta(page, "property", "og:image"));
        Assert.Equal(canonical, Meta(page, "property", "og:url"));
        Assert.Equal(locale, Meta(page, "property", "og:locale"));
        Assert.Equal(alternate, Meta(page, "property", "og:locale:alternate"));
        // The hreflang alternates that were there stay.
        Assert.Equal(3, page.Document.QuerySelectorAll("link[rel=alternate][hreflang]").Length);
    }

    [Theory]
    [InlineData("/", "en")]
    [InlineData("/", "ko-KR")]
    [InlineData("/products", "en")]
    [InlineData("/products", "ko-KR")]
    public async Task The_home_page_and_the_product_list_describe_the_shop_in_the_shoppers_language(string path, string language)
    {
        using var browser = app.CreateBrowser(acceptLanguage: language);

        var page = await browser.GetAsync(path);

        var description = Meta(page, "name", "description");
        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.Equal(language != "en", description!.Any(c => c is >= '가' and <= '힣'));
        Assert.Equal(PublicBaseUrl + path, page.Document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_category_list_says_which_category_it_shows()
    {
        var product = (await app.PublishedProductsAsync()).First();
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync($"/products?category={product.Category.Slug}");

        Assert.Contains(product.Category.Names.En!, Meta(page, "name", "description"));
    }

    [Fact]
    public async Task Every_page_links_the_svg_favicon_and_both_icons_are_served()
    {
        using var browser = app.CreateBrowser();

        var home = await browser.GetAsync("/");
        var svg = await browser.Client.GetAsync("/favicon.svg");
        var ico = await browser.Client.GetAsync("/favicon.ico");

        var icon = home.Document.QuerySelector("link[rel=icon][type='image/svg+xml']");
        Assert.Equal("/favicon.svg", icon?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal("image/x-icon", ico.Content.Headers.ContentType?.MediaType);
        // An ICO file starts with reserved 0, type 1 (icon) and at least one image.
        var bytes = await ico.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.True(BitConverter.ToUInt16(bytes, 4) >= 1);
    }

    [Theory]
    [InlineData("Short and sweet.", "Short and sweet.")]
    [InlineData("  Two\n\nlines   and  spaces ", "Two lines and spaces")]
    public void A_short_description_is_kept_on_one_line(string text, string expected) =>
        Assert.Equal(expected, PageDescriptions.Shorten(text));

    [Fact]
    public void A_long_description_is_cut_at_a_word_with_an_ellipsis()
    {
        var text = string.Join(' ', Enumerable.Repeat("Pan-fired green tea,", 20));

        var shortened = PageDescriptions.Shorten(text);

        Assert.True(shortened.Length <= PageDescriptions.MaxLength, shortened);
        Assert.EndsWith("…", shortened);
        Assert.StartsWith(shortened[..^1], text);
        Assert.Contains(text[shortened.Length - 1], new[] { ' ', ',' });
    }

    [Fact]
    public void A_long_word_without_spaces_is_cut_where_it_stands()
    {
        var shortened = PageDescriptions.Shorten(new string('가', 300));

        Assert.Equal(PageDescriptions.MaxLength, shortened.Length);
        Assert.EndsWith("…", shortened);
    }

    private static string? Meta(Browser.Page page, string attribute, string name) =>
        page.Document.QuerySelector($"meta[{attribute}='{name}']")?.GetAttribute("content");
}
