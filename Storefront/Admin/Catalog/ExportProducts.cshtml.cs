using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// The product list's current filter as the products CSV file (<see cref="ProductsCsv"/>), which the import reads
/// back unchanged. Streamed as the order export is: each row goes to the response as the database reader yields it.
/// </summary>
public sealed class ProductExportModel(StorefrontDbContext db, TimeProvider time, IStringLocalizer<ListFilter> filterLocalizer) : PageModel
{
    // Bound by the filter's own names only ("?stock=Low"), never under the property's name as a prefix.
    [BindProperty(SupportsGet = true, Name = "")]
    public ProductListQuery Query { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Query.DropRefused(ModelState, filterLocalizer);
        var rows = Query.Sorted(Query.Apply(db.Products.AsNoTracking()))
            .Select(p => new
            {
                p.Slug, p.Sku, p.Names, p.Descriptions, Category = p.Category.Slug, p.Stock, p.LowStockThreshold, p.IsPublished, p.IsFeatured,
                Prices = p.Prices.Select(price => new { price.Currency, price.Amount }).ToList(),
            })
            .AsAsyncEnumerable();

        await AdminCsv.DownloadAsync(Response, $"products-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv", ProductsCsv.Columns, rows, row =>
        [
            row.Slug, row.Sku ?? "", row.Names.Ko ?? "", row.Names.En ?? "", row.Descriptions.Ko ?? "", row.Descriptions.En ?? "", row.Category,
            .. Market.Currencies.Select(currency => row.Prices.FirstOrDefault(p => p.Currency == currency) is { } price
                ? new Money(price.Amount, price.Currency).ToMajorUnitsString() : ""),
            row.Stock.ToString(CultureInfo.InvariantCulture), row.LowStockThreshold.ToString(CultureInfo.InvariantCulture),
            ProductsCsv.Boolean(row.IsPublished), ProductsCsv.Boolean(row.IsFeatured),
        ], cancellationToken);
        return new EmptyResult();
    }
}
