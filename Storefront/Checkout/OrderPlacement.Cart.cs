using Microsoft.EntityFrameworkCore;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Checkout;

/// <summary>The cart's part in a placement: the cart re-priced into an order, or its previous order tried again.</summary>
public sealed partial class OrderPlacement
{
    private Plan CartPlan(OrderSource.Cart source, string? shopperId)
    {
        var (cartId, form, market, agreements) = source;
        return new Plan("the cart", texts["Please review your cart."], OwnsAsync, PriceAsync, DraftAsync);

        // A signed-in shopper's order is theirs; a guest's order is the cart's while the cart still waits on it.
        async Task<bool> OwnsAsync(Order order, CancellationToken cancellationToken) =>
            order.ShopperId is { } owner
                ? owner == shopperId
                : cartId is { } id && await db.Carts.AnyAsync(c => c.Id == id && c.PendingOrderId == order.Id, cancellationToken);

        async Task<CheckoutOutcome> PriceAsync(CancellationToken cancellationToken)
        {
            var cart = await ReadCartAsync(cancellationToken);
            if (cart is null || cart.IsEmpty)
                return new CheckoutOutcome.Problem(EmptyCart);
            return new Priced(market, (await carts.PriceAsync(cart, market, cancellationToken)).Total);
        }

        async Task<CheckoutOutcome> DraftAsync(DateTime now, CancellationToken cancellationToken)
        {
            var cart = await ReadCartAsync(cancellationToken);
            if (cart is null || cart.IsEmpty)
                return new CheckoutOutcome.Problem(EmptyCart);
            var products = await ProductsAsync(cart.Lines.Select(l => l.ProductId), tracked: true, cancellationToken);
            if (products.Values.FirstOrDefault(p => p.IsPublished && p.PriceIn(market.Currency) is null) is { } unpriced)
                return new CheckoutOutcome.Problem(texts["{0} is not sold in {1}. Remove it or change country.", unpriced.Name, MarketName(market)]);
            var wanted = cart.Lines
                .Select(l => new Wanted(l.ProductId, products.GetValueOrDefault(l.ProductId)?.Name ?? texts["An item in your cart"], l.Quantity))
                .ToList();
            return new Drafted(products, wanted, () => OpenAsync(cart, products, now, cancellationToken));
        }

        async Task<Order> OpenAsync(ShoppingCart cart, Dictionary<int, Product> products, DateTime now, CancellationToken cancellationToken)
        {
            var lines = cart.Lines.Select(cartLine =>
            {
                var product = products[cartLine.ProductId];
                return new OrderLine(product.Id, product.Slug, product.Name, product.ThumbnailPath, product.PriceIn(market.Currency)!.Value.MinorUnits,
                    cartLine.Quantity, market.VatBasisPoints);
            }).ToList();
            var subtotal = new Money(lines.Sum(l => l.LineTotal), market.Currency);
            if (shipping.Quote(subtotal) is { IsFree: false, Fee: var fee })
                lines.Add(OrderLine.Shipping(ShippingLineName, fee.MinorUnits, market.VatBasisPoints));
            var contact = new ContactDetails(form.Email.Trim(), form.Name.Trim(), form.Phone.Trim());
            var address = new ShippingAddress(form.AddressLine1.Trim(), string.IsNullOrWhiteSpace(form.AddressLine2) ? null : form.AddressLine2.Trim(),
                form.City.Trim(), form.PostalCode.Trim().ToUpperInvariant(), market.Country);

            var order = await ReusablePendingOrderAsync(cart, lines, contact, address, now, cancellationToken);
            if (order is null)
            {
                order = Order.Place(OrderNumbers.Next(), shopperId, contact, address, market, lines, now, PaymentWindow);
                db.Orders.Add(order);
            }
            else
            {
                order.ReopenForPayment(now, PaymentWindow);
            }
            if (agreements is not null)
                order.RecordAgreements(agreements, now);
            cart.AttachPendingOrder(order, now);
            return order;
        }

        Task<ShoppingCart?> ReadCartAsync(CancellationToken cancellationToken) =>
            cartId is { } id
                ? db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                : Task.FromResult<ShoppingCart?>(null);

        /// <summary>
        /// The cart's previous order, when its payment failed and nothing has changed since: the retry becomes its
        /// next attempt (F17, docs/payment-failure-modes.md). An older order still waiting on KakaoPay is given up (its
        /// stock released; a late success for it is flagged and refunded), because the shopper is paying again.
        /// </summary>
        async Task<Order?> ReusablePendingOrderAsync(ShoppingCart cart, IReadOnlyList<OrderLine> lines, ContactDetails contact,
            ShippingAddress address, DateTime now, CancellationToken cancellationToken)
        {
            if (cart.PendingOrderId is not { } pendingId)
                return null;
            var pending = await db.Orders.Include(o => o.Lines).Include(o => o.Attempts).AsSplitQuery()
                .FirstOrDefaultAsync(o => o.Id == pendingId, cancellationToken);
            if (pending is null)
                return null;

            if (pending.Status == OrderStatus.AwaitingPayment && pending.CurrentAttempt is { IsActive: true } running)
            {
                pending.ApplyPaymentResult(running, new PaymentResult(AttemptStatus.Expired, RefusalReason: "superseded by a new checkout"),
                    now, OrderEventSource.System);
                if (pending.TakeStockRelease())
                    await finalizer.ReleaseStockAsync(pending, cancellationToken);
                return null;
            }

            var unchanged = pending.Status == OrderStatus.PaymentFailed
                && pending.Currency == market.Currency
                && pending.Contact == contact
                && pending.ShippingAddress == address
                && pending.Lines.Count == lines.Count
                && pending.Lines.All(l => lines.Any(n => n.Kind == l.Kind && n.ProductId == l.ProductId && n.Quantity == l.Quantity && n.UnitPrice == l.UnitPrice));
            return unchanged ? pending : null;
        }
    }

    private string EmptyCart => texts["Your cart is empty."];

    /// <summary>A market's name in the shopper's language: the names are the shared resource's, with the country picker's.</summary>
    private string MarketName(Market market) => sharedLocalizer[market.Name];
}
