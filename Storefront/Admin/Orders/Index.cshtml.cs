using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>Every order, filtered, searched, sorted and paged on the server.</summary>
public sealed class OrderListModel(StorefrontDbContext db, IStringLocalizer<ListFilter> filterLocalizer) : PageModel
{
    // Bound by the filter's own names only ("?status=Paid"), never under the property's name as a prefix.
    [BindProperty(SupportsGet = true, Name = "")]
    public OrderListQuery Query { get; set; } = new();

    public IReadOnlyList<OrderRow> Rows { get; private set; } = [];

    public int TotalCount { get; private set; }

    public int PageCount { get; private set; } = 1;

    /// <summary>The payment methods to filter on: those the shop offers, and whatever the filter already names.</summary>
    public IReadOnlyList<string> PaymentMethods { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query.DropRefused(ModelState, filterLocalizer);
        var filtered = Query.Apply(db.Orders.AsNoTracking());
        TotalCount = await filtered.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (int)Math.Ceiling(TotalCount / (double)Query.PageSize));
        Query.Page = Math.Clamp(Query.Page, 1, PageCount);
        Rows = await Query.Sorted(filtered)
            .Skip((Query.Page - 1) * Query.PageSize)
            .Take(Query.PageSize)
            .Select(o => new OrderRow(o.Number, o.CreatedAt, o.Contact.Name, o.Contact.Email, o.Country, o.Currency, o.TotalAmount,
                o.Status, o.PaymentStatus, o.PaymentMethod, o.FlaggedAt != null))
            .ToListAsync(cancellationToken);
        PaymentMethods = KnownPaymentMethods.Union(Query.PaymentMethod is { } method ? [method] : []).ToArray();
    }

    public string PageUrl(int page) => "/admin/orders" + Query.ToQueryString(page);

    /// <summary>A column header's link: sorts by it, and flips the direction when it already sorts by it.</summary>
    public string SortUrl(OrderSort sort) =>
        "/admin/orders" + Query.ToQueryString(sort: sort, descending: Query.Sort == sort ? !Query.Descending : sort is OrderSort.Created or OrderSort.Total);

    public string? AriaSort(OrderSort sort) => Query.Sort == sort ? (Query.Descending ? "descending" : "ascending") : null;

    public string ExportUrl => "/admin/orders/export" + Query.ToQueryString();

    private static readonly string[] KnownPaymentMethods = [PaymentMethodTypes.KakaoPay, PaymentMethodTypes.Ideal];
}

public sealed record OrderRow(string Number, DateTime CreatedAt, string Name, string Email, string Country, string Currency, long TotalAmount,
    OrderStatus Status, PaymentStatus PaymentStatus, string? PaymentMethod, bool Flagged)
{
    public Money Total => new(TotalAmount, Currency);
}
