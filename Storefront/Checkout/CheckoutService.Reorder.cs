using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Checkout;

/// <summary>
/// A signed-in user's own orders, paid again: a reorder (an earlier order's lines at today's prices, as a new
/// order) and another try at an order whose payment just failed (F17). Both end in the same payment start as the
/// cart's checkout: same attempts, idempotency keys, finaliser and token handling.
/// </summary>
public sealed partial class CheckoutService
{
    /// <summary>The user's own order with its lines and attempts, read-only; null for anyone else's.</summary>
    public async Task<Order?> OwnOrderAsync(string orderNumber, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (CartService.UserId(user) is not { } userId || !OrderNumbers.LooksValid(orderNumber))
            return null;
        return await db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Lines).Include(o => o.Attempts)
            .FirstOrDefaultAsync(o => o.Number == orderNumber && o.ShopperId == userId, cancellationToken);
    }

    /// <summary>What reordering one of the user's orders would buy today; null when it is not theirs.</summary>
    public async Task<ReorderQuote?> QuoteReorderAsync(string orderNumber, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await OwnOrderAsync(orderNumber, user, cancellationToken) is { } source && Market.Find(source.Country) is { } market
            ? ReorderQuote.Build(source, market, await ProductsOfAsync(source, tracked: false, cancellationToken))
            : null;

    public Task<PaymentMethodsResult> PaymentMethodsAsync(ReorderQuote quote, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        quote.CanOrder
            ? PaymentMethodsAsync(quote.Market, quote.Total, user, cancellationToken)
            : Task.FromResult(new PaymentMethodsResult([], Unavailable: false));

    /// <summary>
    /// Places the quoted reorder as a new order (same contact and address, today's prices, reserved stock) and pays
    /// it: in one step with a saved method, or by redirect. Refused when the quote changed since the shopper saw it.
    /// </summary>
    public async Task<CheckoutOutcome> ReorderAsync(string orderNumber, string paymentMethod, string submitKey, string quoteVersion,
        ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        if (await FindAttemptAsync(submitKey, cancellationToken) is { } submitted)
            return await ReplayOwnAsync(submitted, user, cancellationToken);
        if (await QuoteReorderAsync(orderNumber, user, cancellationToken) is not { } quote)
            return new CheckoutOutcome.NotFound();
        if (quote.Version != quoteVersion)
            return new CheckoutOutcome.Problem(QuoteChanged);
        if (!quote.CanOrder)
            return new CheckoutOutcome.Problem("None of these items can be ordered now.");
        var offered = await PaymentMethodsAsync(quote, user, cancellationToken);
        if (offered.Unavailable)
            return new CheckoutOutcome.Problem(ProviderUnavailable);
        if (Choose(paymentMethod, saveConsent: false, offered) is not { } choice)
            return NotOffered(paymentMethod);

        var placed = await PlaceOwnAsync(submitKey, user, () => PlaceReorderAsync(orderNumber, quoteVersion, choice, submitKey, user, cancellationToken),
            cancellationToken);
        return placed is PlacedAttempt { Attempt: var attempt }
            ? await StartPaymentAsync(attempt, quote.Market, user, request, cancellationToken)
            : placed;
    }

    /// <summary>
    /// True when the order's payment failed within the payment window, so the same order can be paid again (its
    /// prices stand); an older failed order is reordered instead.
    /// </summary>
    public bool CanPayAgain(Order order) =>
        order.Status == OrderStatus.PaymentFailed
        && order.CurrentAttempt?.CompletedAt is { } failedAt
        && Now - failedAt < orderOptions.Value.PaymentTimeout;

    public Task<PaymentMethodsResult> PaymentMethodsAsync(Order order, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Market.Find(order.Country) is { } market
            ? PaymentMethodsAsync(market, order.Total, user, cancellationToken)
            : Task.FromResult(new PaymentMethodsResult([], Unavailable: false));

    /// <summary>Another attempt at one of the user's orders whose payment failed: its stock reserved again, then paid.</summary>
    public async Task<CheckoutOutcome> PayAgainAsync(string orderNumber, string paymentMethod, string submitKey, ClaimsPrincipal user,
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (await FindAttemptAsync(submitKey, cancellationToken) is { } submitted)
            return await ReplayOwnAsync(submitted, user, cancellationToken);
        if (await OwnOrderAsync(orderNumber, user, cancellationToken) is not { } order || Market.Find(order.Country) is not { } market)
            return new CheckoutOutcome.NotFound();
        if (!CanPayAgain(order))
            return new CheckoutOutcome.Problem(CannotPayAgain);
        var offered = await PaymentMethodsAsync(market, order.Total, user, cancellationToken);
        if (offered.Unavailable)
            return new CheckoutOutcome.Problem(ProviderUnavailable);
        if (Choose(paymentMethod, saveConsent: false, offered) is not { } choice)
            return NotOffered(paymentMethod);

        var placed = await PlaceOwnAsync(submitKey, user, () => ReopenAsync(orderNumber, choice, submitKey, user, cancellationToken),
            cancellationToken);
        return placed is PlacedAttempt { Attempt: var attempt }
            ? await StartPaymentAsync(attempt, market, user, request, cancellationToken)
            : placed;
    }

    /// <summary>
    /// Runs one placement (order, stock and attempt saved together), again while stock or the order changes under it;
    /// a concurrent double submit of the same form finds the other request's attempt.
    /// </summary>
    private async Task<CheckoutOutcome> PlaceOwnAsync(string submitKey, ClaimsPrincipal user, Func<Task<CheckoutOutcome>> place,
        CancellationToken cancellationToken)
    {
        for (var tryNumber = 1; ; tryNumber++)
        {
            try
            {
                return await place();
            }
            catch (DbUpdateConcurrencyException) when (tryNumber < MaxPlacementTries)
            {
                // Another checkout took stock, or the order moved, in between: read and reserve again.
            }
            catch (DbUpdateConcurrencyException)
            {
                LogPlacementContended(logger);
                return new CheckoutOutcome.Problem(TooBusy);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (await FindAttemptAsync(submitKey, cancellationToken) is { } concurrent)
                    return await ReplayOwnAsync(concurrent, user, cancellationToken);
                throw;
            }
        }
    }

    private async Task<CheckoutOutcome> PlaceReorderAsync(string orderNumber, string quoteVersion, PaymentChoice choice, string submitKey,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await OwnOrderAsync(orderNumber, user, cancellationToken) is not { } source || Market.Find(source.Country) is not { } market)
            return new CheckoutOutcome.NotFound();
        var products = await ProductsOfAsync(source, tracked: true, cancellationToken);
        var quote = ReorderQuote.Build(source, market, products);
        if (quote.Version != quoteVersion)
            return new CheckoutOutcome.Problem(QuoteChanged);

        var lines = quote.Available.Select(l => l.ToOrderLine(market)).ToList();
        foreach (var line in lines)
            products[line.ProductId].ReserveStock(line.Quantity);
        var now = Now;
        var order = Order.Place(OrderNumbers.Next(), source.ShopperId, source.Contact with { }, source.ShippingAddress with { }, market, lines,
            now, orderOptions.Value.PaymentTimeout);
        order.RecordReorderedFrom(source.Number, now);
        db.Orders.Add(order);
        var attempt = choice.StartOn(order, submitKey, now);
        await db.SaveChangesAsync(cancellationToken);
        LogReordered(logger, order.Number, source.Number, attempt.Reference);
        return new PlacedAttempt(attempt);
    }

    private async Task<CheckoutOutcome> ReopenAsync(string orderNumber, PaymentChoice choice, string submitKey, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var userId = CartService.UserId(user);
        var order = await db.Orders.AsSplitQuery().Include(o => o.Lines).Include(o => o.Attempts)
            .FirstOrDefaultAsync(o => o.Number == orderNumber && o.ShopperId == userId, cancellationToken);
        if (order is null)
            return new CheckoutOutcome.NotFound();
        if (!CanPayAgain(order))
            return new CheckoutOutcome.Problem(CannotPayAgain);
        var products = await ProductsOfAsync(order, tracked: true, cancellationToken);
        foreach (var line in order.Lines)
        {
            if (!products.TryGetValue(line.ProductId, out var product) || !product.IsPublished)
                return new CheckoutOutcome.Problem($"{line.Name} is no longer sold. Reorder to buy the rest.");
            if (product.Stock < line.Quantity)
                return new CheckoutOutcome.Problem(product.Stock == 0
                    ? $"{line.Name} has sold out. Reorder to buy the rest."
                    : $"Only {product.Stock} of {line.Name} left. Reorder to buy what there is.");
            product.ReserveStock(line.Quantity);
        }
        var now = Now;
        order.ReopenForPayment(now, orderOptions.Value.PaymentTimeout);
        var attempt = choice.StartOn(order, submitKey, now);
        await db.SaveChangesAsync(cancellationToken);
        LogOrderPlaced(logger, order.Number, attempt.Reference);
        return new PlacedAttempt(attempt);
    }

    /// <summary>A form submitted again: replays the first submit's outcome, for the user whose order it is only.</summary>
    private async Task<CheckoutOutcome> ReplayOwnAsync(PaymentAttempt submitted, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        submitted.Order.ShopperId is { } owner && owner == CartService.UserId(user)
            ? await ReplayAsync(submitted, cancellationToken)
            : new CheckoutOutcome.NotFound();

    private async Task<Dictionary<int, Product>> ProductsOfAsync(Order order, bool tracked, CancellationToken cancellationToken)
    {
        var productIds = order.Lines.Select(l => l.ProductId).ToList();
        var products = db.Products.Include(p => p.Prices).Where(p => productIds.Contains(p.Id));
        return await (tracked ? products : products.AsNoTracking()).ToDictionaryAsync(p => p.Id, cancellationToken);
    }

    private const string QuoteChanged =
        "Prices or stock changed while you were looking. Check the order below, then choose again; nothing was charged.";

    private const string CannotPayAgain = "This order can no longer be paid. Reorder it to buy the same items again.";

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} placed as a reorder of {SourceOrderNumber}, payment attempt {AttemptReference}")]
    private static partial void LogReordered(ILogger logger, string orderNumber, string sourceOrderNumber, string attemptReference);
}
