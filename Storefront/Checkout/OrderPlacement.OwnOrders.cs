using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Checkout;

/// <summary>
/// A signed-in shopper's own orders paid again: a reorder (an earlier order's lines at today's prices, as a new
/// order) and another try at an order whose payment just failed (F17, docs/payment-failure-modes.md). Only the order's
/// owner finds it, or replays it.
/// </summary>
public sealed partial class OrderPlacement
{
    private string QuoteChanged =>
        texts["Prices or stock changed while you were looking. Check the order below, then choose again; nothing was charged."];

    private string CannotPayAgain => texts["This order can no longer be paid. Reorder it to buy the same items again."];

    /// <summary>What reordering one of the shopper's orders would buy today; null when it is not theirs.</summary>
    public async Task<ReorderQuote?> QuoteReorderAsync(string orderNumber, string? shopperId, CancellationToken cancellationToken) =>
        await shopperOrders.FindAsync(orderNumber, shopperId, cancellationToken) is { } source && Market.Find(source.Country) is { } market
            ? ReorderQuote.Build(source, market, await ProductsAsync(ProductIds(source), tracked: false, cancellationToken), shipping)
            : null;

    private static IEnumerable<int> ProductIds(Order order) => order.ProductLines.Select(l => l.ProductId!.Value);

    private static Task<bool> OwnedBy(Order order, string? shopperId) =>
        Task.FromResult(order.ShopperId is { } owner && owner == shopperId);

    private Plan ReorderPlan(OrderSource.Reorder source, string? shopperId)
    {
        var (orderNumber, quoteVersion, agreements) = source;
        return new Plan($"a reorder of {orderNumber}", texts["Check the order below, then choose again."],
            (order, _) => OwnedBy(order, shopperId), PriceAsync, DraftAsync);

        async Task<CheckoutOutcome> PriceAsync(CancellationToken cancellationToken)
        {
            if (await QuoteReorderAsync(orderNumber, shopperId, cancellationToken) is not { } quote)
                return new CheckoutOutcome.NotFound();
            if (quote.Version != quoteVersion)
                return new CheckoutOutcome.Problem(QuoteChanged);
            if (!quote.CanOrder)
                return new CheckoutOutcome.Problem(texts["None of these items can be ordered now."]);
            // A new order in Korea needs both agreements, as at checkout; nothing is placed without them.
            if (quote.Market.Country == "KR" && agreements is null)
                return new CheckoutOutcome.Problem(texts["Tick both agreements to place the order."]);
            return new Priced(quote.Market, quote.Total);
        }

        // The same contact and address, today's prices; refused when the quote changed since the shopper saw it.
        async Task<CheckoutOutcome> DraftAsync(DateTime now, CancellationToken cancellationToken)
        {
            if (await shopperOrders.FindAsync(orderNumber, shopperId, cancellationToken) is not { } previous
                || Market.Find(previous.Country) is not { } market)
                return new CheckoutOutcome.NotFound();
            var products = await ProductsAsync(ProductIds(previous), tracked: true, cancellationToken);
            var quote = ReorderQuote.Build(previous, market, products, shipping);
            if (quote.Version != quoteVersion)
                return new CheckoutOutcome.Problem(QuoteChanged);
            var wanted = quote.Available.Select(l => new Wanted(l.Product!.Id, l.Product.Name, l.Quantity)).ToList();
            return new Drafted(products, wanted, () =>
            {
                var order = Order.Place(OrderNumbers.Next(), previous.ShopperId, previous.Contact with { }, previous.ShippingAddress with { },
                    market, quote.OrderLines(ShippingLineName), now, PaymentWindow);
                order.RecordReorderedFrom(previous.Number, now);
                if (agreements is not null)
                    order.RecordAgreements(agreements, now);
                db.Orders.Add(order);
                return Task.FromResult(order);
            });
        }
    }

    private Plan PayAgainPlan(OrderSource.PayAgain source, string? shopperId)
    {
        var orderNumber = source.OrderNumber;
        return new Plan("another try", texts["Reorder to buy what there is."], (order, _) => OwnedBy(order, shopperId), PriceAsync, DraftAsync);

        async Task<CheckoutOutcome> PriceAsync(CancellationToken cancellationToken)
        {
            if (await shopperOrders.FindAsync(orderNumber, shopperId, cancellationToken) is not { } order || Market.Find(order.Country) is not { } market)
                return new CheckoutOutcome.NotFound();
            return shopperOrders.CanPayAgain(order) ? new Priced(market, order.Total) : new CheckoutOutcome.Problem(CannotPayAgain);
        }

        // The same order, its prices standing, its stock reserved again.
        async Task<CheckoutOutcome> DraftAsync(DateTime now, CancellationToken cancellationToken)
        {
            if (await shopperOrders.FindAsync(orderNumber, shopperId, cancellationToken, tracked: true) is not { } order)
                return new CheckoutOutcome.NotFound();
            if (!shopperOrders.CanPayAgain(order))
                return new CheckoutOutcome.Problem(CannotPayAgain);
            var products = await ProductsAsync(ProductIds(order), tracked: true, cancellationToken);
            var wanted = order.ProductLines.Select(l => new Wanted(l.ProductId!.Value, l.Name, l.Quantity)).ToList();
            return new Drafted(products, wanted, () =>
            {
                order.ReopenForPayment(now, PaymentWindow);
                return Task.FromResult(order);
            });
        }
    }
}
