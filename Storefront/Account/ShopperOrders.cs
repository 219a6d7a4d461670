using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Orders;

namespace Storefront.Account;

/// <summary>
/// A signed-in shopper's own orders: the history, one order by its number, and whether a failed one can still be paid
/// again. Every lookup is by the owning shopper's id: an order number alone never finds someone else's order.
/// </summary>
public sealed class ShopperOrders(StorefrontDbContext db, TimeProvider time, IOptions<OrderOptions> orderOptions)
{
    /// <summary>The shopper's orders with their attempts, newest first, read-only.</summary>
    public async Task<IReadOnlyList<Order>> HistoryAsync(string shopperId, CancellationToken cancellationToken)
    {
        var orders = await db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Attempts)
            .Where(o => o.ShopperId == shopperId)
            .ToListAsync(cancellationToken);
        return orders.OrderByDescending(o => o.CreatedAt).ToList();
    }

    /// <summary>
    /// The shopper's own order with its lines and attempts; null for anyone else's, or for no shopper. Tracked only
    /// when it is to be changed (paid again).
    /// </summary>
    public async Task<Order?> FindAsync(string orderNumber, string? shopperId, CancellationToken cancellationToken, bool tracked = false)
    {
        if (shopperId is null || !OrderNumbers.LooksValid(orderNumber))
            return null;
        var orders = db.Orders.AsSplitQuery().Include(o => o.Lines).Include(o => o.Attempts);
        return await (tracked ? orders : orders.AsNoTracking())
            .FirstOrDefaultAsync(o => o.Number == orderNumber && o.ShopperId == shopperId, cancellationToken);
    }

    /// <summary>
    /// True when the order's payment failed within the payment window, so the same order can be paid again (its
    /// prices stand); an older failed order is reordered instead.
    /// </summary>
    public bool CanPayAgain(Order order) =>
        order.Status == OrderStatus.PaymentFailed
        && order.CurrentAttempt?.CompletedAt is { } failedAt
        && time.GetUtcNow().UtcDateTime - failedAt < orderOptions.Value.PaymentTimeout;
}
