using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Background;

namespace Storefront.Orders;

/// <summary>
/// Expires orders still unpaid past their payment deadline and gives their stock back, exactly once: each order
/// is moved under optimistic concurrency, so two nodes (or the expiry and a webhook) racing on it end with one
/// winner, and the loser reads the order again and finds nothing left to do (F07, F12, docs/payment-failure-modes.md).
/// </summary>
public sealed partial class OrderExpiry(
    StorefrontDbContext db,
    PaymentFinalizer finalizer,
    TimeProvider time,
    IOptions<OrderOptions> options,
    OrderMetrics metrics,
    ILogger<OrderExpiry> logger) : IPeriodicJob
{
    private const int BatchSize = 50;

    /// <summary><c>Orders:ExpiryInterval</c>.</summary>
    public TimeSpan Interval => options.Value.ExpiryInterval;

    public Task RunAsync(CancellationToken cancellationToken) => ExpireDueAsync(cancellationToken);

    /// <summary>Expires every order due now; returns how many expired.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var due = await db.Orders.AsNoTracking()
                .Where(o => o.Status == OrderStatus.AwaitingPayment && o.PaymentDeadline <= now)
                .OrderBy(o => o.PaymentDeadline)
                .Select(o => o.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            var expiredNow = 0;
            foreach (var orderId in due)
            {
                if (await ExpireAsync(orderId, cancellationToken))
                    expiredNow++;
            }
            expired += expiredNow;
            // A full batch that all expired may have more behind it; anything else waits for the next round.
            if (due.Count < BatchSize || expiredNow < due.Count)
                return expired;
        }
    }

    private async Task<bool> ExpireAsync(int orderId, CancellationToken cancellationToken)
    {
        try
        {
            // Paid, failed or expired by someone else meanwhile, or its products' stock moved: the unit looks again.
            return await db.UnitOfWorkAsync(async () =>
            {
                var order = await db.Orders.Include(o => o.Lines).Include(o => o.Attempts).AsSplitQuery()
                    .FirstAsync(o => o.Id == orderId, cancellationToken);
                if (!order.Expire(time.GetUtcNow().UtcDateTime))
                    return false;
                if (order.TakeStockRelease())
                    await finalizer.ReleaseStockAsync(order, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                LogExpired(logger, order.Number);
                metrics.Expired();
                return true;
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            LogGaveUp(logger, orderId, UnitOfWork.MaxTries);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} expired unpaid; its stock is released")]
    private static partial void LogExpired(ILogger logger, string orderNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} kept changing under the expiry ({Tries} tries); left for the next round")]
    private static partial void LogGaveUp(ILogger logger, int orderId, int tries);
}
