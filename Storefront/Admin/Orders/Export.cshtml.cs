using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// The order list's current filter as CSV (RFC 4180, through CsvHelper), streamed by <see cref="AdminCsv.DownloadAsync"/>
/// so that exporting every order of a large shop holds a buffer in memory, not the list. The header, the status names and the times (UTC) stay the same
/// in every language: the file is read by spreadsheets and scripts that find their columns by name.
/// </summary>
public sealed class OrderExportModel(StorefrontDbContext db, TimeProvider time, IStringLocalizer<ListFilter> filterLocalizer) : PageModel
{
    private static readonly string[] Header =
    [
        "Order", "Placed (UTC)", "Status", "Payment status", "Payment method", "Country", "Currency", "Total", "Refunded",
        "Name", "Email", "Phone", "Address line 1", "Address line 2", "City", "Postal code", "Paid (UTC)", "Fulfilled (UTC)",
        "Carrier", "Tracking number", "Needs review",
    ];

    // Bound by the filter's own names only ("?status=Paid"), never under the property's name as a prefix.
    [BindProperty(SupportsGet = true, Name = "")]
    public OrderListQuery Query { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // What the list shows is what is exported: values the list ignores are ignored here too.
        Query.DropRefused(ModelState, filterLocalizer);
        var rows = Query.Sorted(Query.Apply(db.Orders.AsNoTracking()))
            .Select(o => new
            {
                o.Number, o.CreatedAt, o.Status, o.PaymentStatus, o.PaymentMethod, o.Country, o.Currency, o.TotalAmount,
                Refunded = o.Modifications.Where(m => m.Status == ModificationStatus.Confirmed).Sum(m => (long?)m.Amount) ?? 0,
                o.Contact.Name, o.Contact.Email, o.Contact.Phone,
                o.ShippingAddress.Line1, o.ShippingAddress.Line2, o.ShippingAddress.City, o.ShippingAddress.PostalCode,
                o.PaidAt, o.FulfilledAt, o.Carrier, o.TrackingNumber, o.ReviewReason,
            })
            .AsAsyncEnumerable();

        await AdminCsv.DownloadAsync(Response, $"orders-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv", Header, rows, row =>
        [
            row.Number, Timestamp(row.CreatedAt), row.Status.ToString(), row.PaymentStatus.ToString(), row.PaymentMethod, row.Country,
            row.Currency, new Money(row.TotalAmount, row.Currency).ToMajorUnitsString(), new Money(row.Refunded, row.Currency).ToMajorUnitsString(),
            row.Name, row.Email, row.Phone, row.Line1, row.Line2, row.City, row.PostalCode,
            Timestamp(row.PaidAt), Timestamp(row.FulfilledAt), row.Carrier, row.TrackingNumber, row.ReviewReason,
        ], cancellationToken);
        return new EmptyResult();
    }

    private static string? Timestamp(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
