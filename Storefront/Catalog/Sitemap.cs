using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Shared;

namespace Storefront.Catalog;

/// <summary>
/// <c>/sitemap.xml</c> and the <c>/robots.txt</c> that points to it: what search engines may read of the shop. The
/// sitemap lists the home page, the product list, each visible category and each product on sale, with absolute
/// URLs on the public base URL and their <c>?culture=</c> alternates; it is written while it is read from the
/// database, so a large catalog never sits in memory.
/// </summary>
public static class Sitemap
{
    public const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    /// <summary>What only a shopper or merchandiser should see: nothing there is worth a search result.</summary>
    public static readonly IReadOnlyList<string> Disallowed = ["/admin", "/cart", "/checkout", "/account", "/orders"];

    public static WebApplication MapSitemap(this WebApplication app)
    {
        app.MapGet("/sitemap.xml", WriteSitemapAsync);
        app.MapGet("/robots.txt", WriteRobotsAsync);
        return app;
    }

    private static async Task WriteRobotsAsync(HttpContext context, AlternateLanguages urls)
    {
        var robots = new StringBuilder("User-agent: *\n");
        foreach (var path in Disallowed)
            robots.Append("Disallow: ").Append(path).Append('\n');
        robots.Append("\nSitemap: ").Append(urls.Absolute("/sitemap.xml")).Append('\n');
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(robots.ToString(), context.RequestAborted);
    }

    private static async Task WriteSitemapAsync(HttpContext context, StorefrontDbContext db, AlternateLanguages urls)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.ContentType = "application/xml; charset=utf-8";
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = false };
        await using var xml = XmlWriter.Create(context.Response.Body, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", SitemapNamespace);
        await xml.WriteAttributeStringAsync("xmlns", "xhtml", null, XhtmlNamespace);

        await WriteUrlAsync(xml, urls, "/", null, null);
        await WriteUrlAsync(xml, urls, "/products", null, null);
        var categories = db.Categories.AsNoTracking().Where(c => !c.IsHidden).OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => c.Slug).AsAsyncEnumerable();
        await foreach (var slug in categories.WithCancellation(cancellationToken))
            await WriteUrlAsync(xml, urls, "/products", [KeyValuePair.Create("category", slug)], null);

        // Sales and released reservations only move stock; the page changes when a merchandiser changes the product.
        var products = db.Products.AsNoTracking().Where(p => p.IsPublished && !p.IsArchived).OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Slug,
                Changed = p.History.Where(e => e.Kind != ProductEventKind.Sold && e.Kind != ProductEventKind.Released)
                    .Max(e => (DateTime?)e.At),
            })
            .AsAsyncEnumerable();
        await foreach (var product in products.WithCancellation(cancellationToken))
            await WriteUrlAsync(xml, urls, $"/products/{Uri.EscapeDataString(product.Slug)}", null, product.Changed);

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private static async Task WriteUrlAsync(XmlWriter xml, AlternateLanguages urls, string path,
        IEnumerable<KeyValuePair<string, string>>? query, DateTime? lastModified)
    {
        var alternates = urls.For(path, query).ToList();
        await xml.WriteStartElementAsync(null, "url", SitemapNamespace);
        await xml.WriteElementStringAsync(null, "loc", SitemapNamespace, alternates.Single(a => a.HrefLang == "x-default").Url);
        if (lastModified is { } changed)
        {
            await xml.WriteElementStringAsync(null, "lastmod", SitemapNamespace,
                DateTime.SpecifyKind(changed, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        foreach (var (hrefLang, url) in alternates)
        {
            await xml.WriteStartElementAsync("xhtml", "link", XhtmlNamespace);
            await xml.WriteAttributeStringAsync(null, "rel", null, "alternate");
            await xml.WriteAttributeStringAsync(null, "hreflang", null, hrefLang);
            await xml.WriteAttributeStringAsync(null, "href", null, url);
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    }
}
