using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Localization;

namespace Storefront.Catalog;

/// <summary>
/// What shoppers can see of the catalog: published products only, each loaded with its price in the
/// shopper's currency (and no other), read without tracking. Names sort in the shopper's language.
/// </summary>
public sealed class CatalogService(StorefrontDbContext db)
{
    public const int PageSize = 12;
    public const int FeaturedCount = 8;

    /// <summary>Longer searches are cut: nobody types more, and the query must stay cheap.</summary>
    public const int MaxQueryLength = 100;

    public async Task<IReadOnlyList<Category>> CategoriesAsync(CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking().Where(c => !c.IsHidden)
            .OrderBy(c => c.SortOrder).ThenByText(c => c.Names, CultureInfo.CurrentUICulture).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

    public Task<Category?> FindCategoryAsync(string slug, CancellationToken cancellationToken) =>
        db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);

    public async Task<IReadOnlyList<Product>> FeaturedAsync(string currency, CancellationToken cancellationToken) =>
        await OnTheShelf(Published(currency).Where(p => p.IsFeatured))
            .Take(FeaturedCount)
            .ToListAsync(cancellationToken);

    /// <summary>One page of the published products matching <paramref name="search"/>; null when the page is past the end.</summary>
    public async Task<ProductListing?> ListAsync(ProductSearch search, string currency, CancellationToken cancellationToken)
    {
        var products = Matching(search, currency);
        var total = await products.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (search.Page > pageCount)
            return null;
        var items = await Sorted(products, search, currency)
            .Skip((search.Page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        return new ProductListing(items, search.Page, pageCount, total);
    }

    public Task<Product?> FindPublishedAsync(string slug, string currency, CancellationToken cancellationToken) =>
        Published(currency).Include(p => p.Pictures).AsSplitQuery().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);

    /// <summary>
    /// The published products in <paramref name="search"/>'s category whose name or description, in either language,
    /// contains its query: 녹차 and "green tea" find the same tea, whichever language the shopper reads. Lower-casing
    /// both sides keeps Latin letters case-insensitive whatever the database collation. <c>Contains</c> is SQLite's
    /// <c>instr</c>, and on SQL Server a <c>LIKE</c> on nvarchar columns whose parameter EF Core escapes, so a
    /// shopper's % or _ matches only itself.
    /// </summary>
    internal IQueryable<Product> Matching(ProductSearch search, string currency)
    {
        var products = Published(currency);
        if (search.Category is { } category)
            products = products.Where(p => p.CategoryId == category.Id);
        if (search.Query.Length > 0)
        {
            var term = search.Query.ToLowerInvariant();
            products = products.Where(p =>
                p.Names.Ko!.ToLower().Contains(term) || p.Names.En!.ToLower().Contains(term) ||
                p.Descriptions.Ko!.ToLower().Contains(term) || p.Descriptions.En!.ToLower().Contains(term));
        }
        return products;
    }

    /// <summary>
    /// <paramref name="products"/> in the order <paramref name="search"/> asks for, each ending on the id so that equal
    /// prices or names never swap places between two pages. Prices are the ones in the shopper's currency; a product
    /// without one comes last either way. Relevance puts a match in the name before one only in the description.
    /// </summary>
    internal static IOrderedQueryable<Product> Sorted(IQueryable<Product> products, ProductSearch search, string currency) =>
        search.EffectiveSort switch
        {
            ProductOrder.Newest => products.OrderByDescending(p => p.Id),
            ProductOrder.PriceAscending => products
                .OrderBy(p => p.Prices.Where(price => price.Currency == currency).Min(price => (long?)price.Amount) ?? long.MaxValue)
                .ThenBy(p => p.Id),
            ProductOrder.PriceDescending => products
                .OrderByDescending(p => p.Prices.Where(price => price.Currency == currency).Max(price => (long?)price.Amount) ?? -1)
                .ThenBy(p => p.Id),
            ProductOrder.Name => products.OrderByText(p => p.Names, CultureInfo.CurrentUICulture).ThenBy(p => p.Id),
            ProductOrder.Relevance => ByRelevance(products, search.Query.ToLowerInvariant()),
            _ => OnTheShelf(products),
        };

    private static IOrderedQueryable<Product> ByRelevance(IQueryable<Product> products, string term) =>
        products.OrderBy(p => p.Names.Ko!.ToLower().Contains(term) || p.Names.En!.ToLower().Contains(term) ? 0 : 1)
            .ThenBy(p => p.Category.SortOrder).ThenByText(p => p.Names, CultureInfo.CurrentUICulture).ThenBy(p => p.Id);

    /// <summary>Shelf order: by category, then by name in the shopper's language (the other when it has none).</summary>
    private static IOrderedQueryable<Product> OnTheShelf(IQueryable<Product> products) =>
        products.OrderBy(p => p.Category.SortOrder).ThenByText(p => p.Names, CultureInfo.CurrentUICulture).ThenBy(p => p.Id);

    private IQueryable<Product> Published(string currency) =>
        db.Products.AsNoTracking()
            .Where(p => p.IsPublished)
            .Include(p => p.Category)
            .Include(p => p.Prices.Where(price => price.Currency == currency));
}

/// <summary>The orders a shopper can list products in; <see cref="Shelf"/> is the shop's own (category, then name).</summary>
public enum ProductOrder
{
    Shelf,
    Relevance,
    Newest,
    PriceAscending,
    PriceDescending,
    Name,
}

/// <summary>
/// A shopper's search, already made safe: trimmed and capped query, known category, page from 1, and the order they
/// chose (null: the default, relevance when searching and the shelf otherwise).
/// </summary>
public sealed record ProductSearch(string Query, Category? Category, int Page, ProductOrder? Sort = null)
{
    /// <summary>The <c>sort=</c> values of the query string, which are part of the public URLs.</summary>
    public static readonly IReadOnlyList<(string Key, ProductOrder Sort)> SortKeys =
    [
        ("relevance", ProductOrder.Relevance),
        ("newest", ProductOrder.Newest),
        ("price-asc", ProductOrder.PriceAscending),
        ("price-desc", ProductOrder.PriceDescending),
        ("name", ProductOrder.Name),
    ];

    /// <summary>Relevance means nothing without words to match, so without a query it is the shelf order.</summary>
    public ProductOrder EffectiveSort => Sort switch
    {
        null or ProductOrder.Relevance => Query.Length > 0 ? ProductOrder.Relevance : ProductOrder.Shelf,
        { } sort => sort,
    };

    /// <summary>An unknown or missing <c>sort=</c> (an old link, a typo) is the default order, never an error.</summary>
    public static ProductOrder? ParseSort(string? key) =>
        SortKeys.FirstOrDefault(k => string.Equals(k.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Key: not null } found
            ? found.Sort
            : null;

    public static string? KeyOf(ProductOrder? sort) => SortKeys.FirstOrDefault(k => k.Sort == sort).Key;

    public static string NormalizeQuery(string? query)
    {
        var trimmed = query?.Trim() ?? "";
        return trimmed.Length > CatalogService.MaxQueryLength ? trimmed[..CatalogService.MaxQueryLength].TrimEnd() : trimmed;
    }

    /// <summary>Anything that is not a positive whole number (abc, -1, empty) means the first page.</summary>
    public static int ParsePage(string? page) =>
        int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : 1;
}

public sealed record ProductListing(IReadOnlyList<Product> Products, int Page, int PageCount, int TotalCount)
{
    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;
}
