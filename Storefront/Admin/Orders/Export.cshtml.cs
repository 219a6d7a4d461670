using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// The order list's current filter as CSV, streamed: each row is written to the response as the database reader
/// yields it, so exporting every order of a large shop holds one row in memory, not the list.
/// </summary>
public sealed class OrderExportModel(StorefrontDbContext db, TimeProvider time) : PageModel
{
    private const int RowsPerFlush = 500;

    private static readonly string[] Header =
    [
        "Order", "Placed (UTC)", "Status", "Payment status", "Payment method", "Country", "Currency", "Total", "Refunded",
        "Name", "Email", "Phone", "Address line 1", "Address line 2", "City", "Postal code", "Paid (UTC)", "Fulfilled (UTC)",
        "Carrier", "Tracking number", "Needs review",
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var query = OrderListQuery.Parse(Request.Query);
        var rows = query.Sorted(query.Apply(db.Orders.AsNoTracking()))
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
        // A byte order mark, so that spreadsheet programs read the names in Hangul as UTF-8.
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
        var csv = new CsvWriter(writer);
        await csv.WriteRowAsync(Header);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await csv.WriteRowAsync(
            [
                row.Number, Timestamp(row.CreatedAt), row.Status.ToString(), row.PaymentStatus.ToString(), row.PaymentMethod, row.Country,
                row.Currency, Amount(row.TotalAmount, row.Currency), Amount(row.Refunded, row.Currency),
                row.Name, row.Email, row.Phone, row.Line1, row.Line2, row.City, row.PostalCode,
                Timestamp(row.PaidAt), Timestamp(row.FulfilledAt), row.Carrier, row.TrackingNumber, row.ReviewReason,
            ]);
            if (++count % RowsPerFlush == 0)
                await writer.FlushAsync(cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }

    /// <summary>Major units with the currency's own decimals and no grouping (₩15,000 is 15000; $12.50 is 12.50).</summary>
    private static string Amount(long minorUnits, string currency) =>
        new Money(minorUnits, currency).Amount.ToString("F" + Money.Exponent(currency), CultureInfo.InvariantCulture);

    private static string? Timestamp(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
