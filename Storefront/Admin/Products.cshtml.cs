using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>The catalog as the merchandiser works on it: searched, filtered, sorted and paged on the server.</summary>
public sealed class ProductListModel(StorefrontDbContext db, IStringLocalizer<ListFilter> filterLocalizer) : PageModel
{
    // Bound by the filter's own names only ("?stock=Low"), never under the property's name as a prefix.
    [BindProperty(SupportsGet = true, Name = "")]
    public ProductListQuery Query { get; set; } = new();

    public IReadOnlyList<ProductRow> Products { get; private set; } = [];

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public int TotalCount { get; private set; }

    public int PageCount { get; private set; } = 1;

    public IReadOnlyList<string> Currencies => Market.Currencies;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query.DropRefused(ModelState, filterLocalizer);
        var filtered = Query.Apply(db.Products.AsNoTracking());
        TotalCount = await filtered.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (int)Math.Ceiling(TotalCount / (double)ProductListQuery.PageSize));
        Query.Page = Math.Clamp(Query.Page, 1, PageCount);
        Products = await Query.Sorted(filtered)
            .Skip((Query.Page - 1) * ProductListQuery.PageSize).Take(ProductListQuery.PageSize)
            .Select(p => new ProductRow(p.Id, p.Slug, p.Sku, p.Names, p.Category.Names, p.Stock, p.LowStockThreshold, p.IsPublished, p.IsArchived,
                p.Prices.Select(price => new Money(price.Amount, price.Currency)).ToList()))
            .ToListAsync(cancellationToken);
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken);
    }

    public string PageUrl(int page) => "/admin/products" + Query.ToQueryString(page);

    /// <summary>A column header's link: sorts by it, and flips the direction when it already sorts by it.</summary>
    public string SortUrl(ProductSort sort) =>
        "/admin/products" + Query.ToQueryString(sort: sort, descending: Query.Sort == sort && !Query.Descending);

    public string? AriaSort(ProductSort sort) => Query.Sort == sort ? (Query.Descending ? "descending" : "ascending") : null;
}

/// <summary>A product as listed; its texts in both languages, shown in the merchandiser's.</summary>
public sealed record ProductRow(int Id, string Slug, string? Sku, LocalizedText Name, LocalizedText Category, int Stock, int LowStockThreshold,
    bool IsPublished, bool IsArchived, IReadOnlyList<Money> Prices)
{
    public Money? PriceIn(string currency) => Prices.Where(p => p.Currency == currency).Select(p => (Money?)p).FirstOrDefault();

    public StockLevel Level => Stock <= 0 ? StockLevel.Out : Stock <= LowStockThreshold ? StockLevel.Low : StockLevel.In;
}
