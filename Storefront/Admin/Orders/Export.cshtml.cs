using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// The order list's current filter as CSV (RFC 4180, through CsvHelper), streamed: each row is written to the response
/// as the database reader yields it, and the writer's buffer goes out whenever it fills, so exporting every order of a
/// large shop holds a buffer in memory, not the list. The header, the status names and the times (UTC) stay the same
/// in every language: the file is read by spreadsheets and scripts that find their columns by name.
/// </summary>
public sealed class OrderExportModel(StorefrontDbContext db, TimeProvider time, IStringLocalizer<ListFilter> filterLocalizer) : PageModel
{
    /// <summary>The merchandiser area's CSV conventions (<see cref="AdminCsv.Writer"/>): a byte order mark, formulas defused.</summary>
    public static readonly CsvWriterOptions Csv = AdminCsv.Writer;

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

        var fileName = $"orders-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        Response.Headers.CacheControl = "no-store";
        await using var csv = CsvWriter.Create(Response.Body, Csv, leaveOpen: true);
        await csv.WriteRecordAsync(Header, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(
            [
                row.Number, Timestamp(row.CreatedAt), row.Status.ToString(), row.PaymentStatus.ToString(), row.PaymentMethod, row.Country,
                row.Currency, Amount(row.TotalAmount, row.Currency), Amount(row.Refunded, row.Currency),
                row.Name, row.Email, row.Phone, row.Line1, row.Line2, row.City, row.PostalCode,
                Timestamp(row.PaidAt), Timestamp(row.FulfilledAt), row.Carrier, row.TrackingNumber, row.ReviewReason,
            ], cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
        return new EmptyResult();
    }

    /// <summary>Major units with the currency's own decimals and no grouping (₩15,000 is 15000; $12.50 is 12.50).</summary>
    private static string Amount(long minorUnits, string currency) =>
        new Money(minorUnits, currency).Amount.ToString("F" + Money.Exponent(currency), CultureInfo.InvariantCulture);

    private static string? Timestamp(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
