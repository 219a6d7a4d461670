using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Account;

/// <summary>The signed-in user's order history: each order links to its page and can be reordered.</summary>
[Authorize]
public sealed class OrdersModel(ShopperOrders shopperOrders, UserManager<Shopper> users) : PageModel
{
    public IReadOnlyList<OrderSummary> Orders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var orders = await shopperOrders.HistoryAsync(users.GetUserId(User)!, cancellationToken);
        Orders = orders
            .Select(o => new OrderSummary(o.Number, o.CreatedAt, o.Status, o.PaymentStatus, o.Total, shopperOrders.CanPayAgain(o)))
            .ToList();
    }
}

public sealed record OrderSummary(string Number, DateTime PlacedAt, OrderStatus Status, PaymentStatus PaymentStatus, Money Total, bool CanPayAgain);
