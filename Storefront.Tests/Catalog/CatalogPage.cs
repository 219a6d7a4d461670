using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>Reads the catalog markup contract: product cards, prices, pager links.</summary>
internal static class CatalogPage
{
    public sealed record Card(string Slug, string Name, string? Price, string? ImageAlt, string Category);

    public static IReadOnlyList<Card> Cards(Browser.Page page) =>
        page.Document.QuerySelectorAll("article.product-card").Select(article =>
        {
            var link = article.QuerySelector("a[href^='/products/']")
                ?? throw new InvalidOperationException("A product card has no link to its product.");
            return new Card(
                link.GetAttribute("href")!["/products/".Length..],
                link.TextContent.Trim(),
                article.QuerySelector("[data-testid=price]")?.TextContent.Trim(),
                article.QuerySelector("img")?.GetAttribute("alt"),
                article.QuerySelector(".product-card-category")?.TextContent.Trim() ?? "");
        }).ToList();

    public static string? LinkTo(Browser.Page page, string rel) =>
        page.Document.QuerySelector($"nav.pager a[rel={rel}]")?.GetAttribute("href");

    public static string Text(this IElement? element) => element?.TextContent.Trim() ?? "";

    /// <summary>Whether the product's name or description, in either language, contains <paramref name="term"/> (ignoring case).</summary>
    public static bool Mentions(this Product product, string term) =>
        new[] { product.Names.Ko, product.Names.En, product.Descriptions.Ko, product.Descriptions.En }
            .Any(text => text?.Contains(term, StringComparison.OrdinalIgnoreCase) == true);

    public static Task<List<Product>> PublishedProductsAsync(this StorefrontFactory app) =>
        app.WithDbAsync(db => db.Products.AsNoTracking()
            .Include(p => p.Category).Include(p => p.Prices)
            .Where(p => p.IsPublished)
            .ToListAsync());
}
