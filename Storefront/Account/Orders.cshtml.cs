using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Cart;
using Storefront.Checkout;
using Storefront.Data;
using Storefront.Orders;

namespace Storefront.Account;

/// <summary>The signed-in user's order history: each order links to its page and can be reordered.</summary>
[Authorize]
public sealed class OrdersModel(StorefrontDbContext db, CheckoutService checkout) : PageModel
{
    public IReadOnlyList<OrderSummary> Orders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = CartService.UserId(User);
        var orders = await db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Attempts)
            .Where(o => o.ShopperId == userId)
            .ToListAsync(cancellationToken);
        Orders = orders
            .OrderByDescending(o => o.CreatedAt)
            .Select(o => new OrderSummary(o.Number, o.CreatedAt, o.Status, o.PaymentStatus, o.Total, checkout.CanPayAgain(o)))
            .ToList();
    }
}

public sealed record OrderSummary(string Number, DateTime PlacedAt, OrderStatus Status, PaymentStatus PaymentStatus,
    Storefront.Shared.Money Total, bool CanPayAgain);
