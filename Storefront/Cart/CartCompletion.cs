using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Orders;

namespace Storefront.Cart;

/// <summary>The cart an order was placed from starts afresh once the order is paid (see <see cref="IOrderPaidHandler"/>).</summary>
internal sealed class CartCompletion(StorefrontDbContext db) : IOrderPaidHandler
{
    public async Task OrderPaidAsync(Order order, DateTime now, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.PendingOrderId == order.Id, cancellationToken);
        cart?.CompleteOrder(order, now);
    }
}
