using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>The catalog as the merchandiser checks it: prices per currency, stock and whether it is on sale. Read-only.</summary>
public sealed class ProductListModel(StorefrontDbContext db) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<ProductRow> Products { get; private set; } = [];

    /// <summary>From <c>?page=</c>; a page that is not a number, or out of range, shows the nearest there is.</summary>
    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public int PageCount { get; private set; } = 1;

    public IReadOnlyList<string> Currencies => Market.Currencies;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var total = await db.Products.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Products = await db.Products.AsNoTracking()
            .OrderByText(p => p.Names, CultureInfo.CurrentUICulture).ThenBy(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new ProductRow(p.Slug, p.Names, p.Category.Names, p.Stock, p.IsPublished,
                p.Prices.Select(price => new Money(price.Amount, price.Currency)).ToList()))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>A product as listed; its texts in both languages, shown in the merchandiser's.</summary>
public sealed record ProductRow(string Slug, LocalizedText Name, LocalizedText Category, int Stock, bool IsPublished, IReadOnlyList<Money> Prices)
{
    public Money? PriceIn(string currency) => Prices.Where(p => p.Currency == currency).Select(p => (Money?)p).FirstOrDefault();
}
