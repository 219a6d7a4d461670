using System.Net;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog;
using Storefront.Localization;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>
/// <c>/sitemap.xml</c> and <c>/robots.txt</c> on an app of its own, whose catalog this class changes: one product is
/// archived and one is added unpublished before the sitemap is read.
/// </summary>
public sealed class SitemapTests : IClassFixture<SitemapTests.App>
{
    public const string PublicBaseUrl = "https://shop.example.kr";

    private static readonly XNamespace Sm = Sitemap.SitemapNamespace;
    private static readonly XNamespace Xhtml = Sitemap.XhtmlNamespace;

    private readonly App _app;

    public SitemapTests(App app) => _app = app;

    public sealed class App : StorefrontFactory
    {
        public App() => Settings["Storefront:PublicBaseUrl"] = PublicBaseUrl;
    }

    [Fact]
    public async Task The_sitemap_is_well_formed_xml_of_absolute_urls_with_language_alternates()
    {
        using var browser = _app.CreateBrowser();

        var response = await browser.Client.GetAsync("/sitemap.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var sitemap = await ReadAsync(response);
        Assert.Equal(Sm + "urlset", sitemap.Root!.Name);
        var urls = sitemap.Root.Elements(Sm + "url").ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, url =>
        {
            var loc = url.Element(Sm + "loc")!.Value;
            Assert.StartsWith(PublicBaseUrl + "/", loc);
            var alternates = url.Elements(Xhtml + "link").ToDictionary(l => (string)l.Attribute("hreflang")!, l => (string)l.Attribute("href")!);
            Assert.Equal(["en", "ko", "x-default"], alternates.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(loc, alternates["x-default"]);
            Assert.Contains("culture=ko-KR", alternates["ko"]);
        });
        var locs = urls.Select(u => u.Element(Sm + "loc")!.Value).ToList();
        Assert.Equal(locs.Distinct().Count(), locs.Count);
        Assert.Contains(PublicBaseUrl + "/", locs);
        Assert.Contains(PublicBaseUrl + "/products", locs);
        var categories = await _app.WithDbAsync(db => db.Categories.Where(c => !c.IsHidden).Select(c => c.Slug).ToListAsync());
        Assert.All(categories, slug => Assert.Contains($"{PublicBaseUrl}/products?category={slug}", locs));
    }

    [Fact]
    public async Task The_sitemap_lists_the_products_on_sale_with_their_last_change_and_no_archived_or_unpublished_one()
    {
        var (archived, unpublished, changed) = await _app.WithDbAsync(async db =>
        {
            var published = await db.Products.Where(p => p.IsPublished).OrderBy(p => p.Id).Take(2).ToListAsync();
            var product = published[0];
            product.Archive("merch@test.local", new DateTime(2026, 11, 2, 3, 4, 5, DateTimeKind.Utc));
            published[1].AdjustStock(published[1].Stock + 1, "Counted again", "merch@test.local", new DateTime(2026, 11, 20, 9, 30, 15, DateTimeKind.Utc));
            var category = await db.Categories.FirstAsync();
            var hidden = new Product("sitemap-hidden-vase", new LocalizedText("숨은 꽃병", "Hidden Vase"), new LocalizedText("아직 공개 전.", "Not yet on sale."),
                category, 3, isPublished: false);
            db.Products.Add(hidden);
            await db.SaveChangesAsync();
            return (product.Slug, hidden.Slug, published[1].Slug);
        });
        var onSale = await _app.WithDbAsync(db => db.Products.Where(p => p.IsPublished && !p.IsArchived).Select(p => p.Slug).ToListAsync());
        using var browser = _app.CreateBrowser();

        var sitemap = await ReadAsync(await browser.Client.GetAsync("/sitemap.xml"));

        var products = sitemap.Root!.Elements(Sm + "url")
            .Select(u => (Loc: u.Element(Sm + "loc")!.Value, LastMod: u.Element(Sm + "lastmod")?.Value))
            .Where(u => u.Loc.StartsWith(PublicBaseUrl + "/products/", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(onSale.Order(), products.Select(p => p.Loc[(PublicBaseUrl + "/products/").Length..]).Order());
        Assert.DoesNotContain(products, p => p.Loc.EndsWith("/" + archived, StringComparison.Ordinal));
        Assert.DoesNotContain(products, p => p.Loc.EndsWith("/" + unpublished, StringComparison.Ordinal));
        // The seeded products were never changed by anyone, so they say nothing rather than a made-up date.
        Assert.Equal("2026-11-20T09:30:15Z", products.Single(p => p.Loc.EndsWith("/" + changed, StringComparison.Ordinal)).LastMod);
    }

    [Fact]
    public async Task Robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages()
    {
        using var browser = _app.CreateBrowser();

        var response = await browser.Client.GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("User-agent: *", lines);
        foreach (var path in new[] { "/admin", "/cart", "/checkout", "/account" })
            Assert.Contains($"Disallow: {path}", lines);
        Assert.Contains($"Sitemap: {PublicBaseUrl}/sitemap.xml", lines);
        Assert.DoesNotContain("Disallow: /", lines);
    }

    /// <summary>Parsed strictly: a sitemap that is not well-formed XML throws here.</summary>
    private static async Task<XDocument> ReadAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = XmlReader.Create(body, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, Async = true });
        return await XDocument.LoadAsync(reader, LoadOptions.None, CancellationToken.None);
    }
}
