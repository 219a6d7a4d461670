using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Storefront.Account;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Localization;
using Storefront.Orders;
using Storefront.PaymentMethods;
using Storefront.Shared;
using Storefront.Shipping;

namespace Storefront.Checkout;

/// <summary>What an order is placed from.</summary>
public abstract record OrderSource
{
    /// <summary>
    /// The shopper's cart (found by the page, by user or cookie), delivered as the checkout form says, with the
    /// agreements the shopper gave on it (in Korea).
    /// </summary>
    public sealed record Cart(Guid? CartId, CheckoutForm Form, Market Market, OrderAgreements? Agreements = null) : OrderSource;

    /// <summary>
    /// One of the signed-in shopper's orders, bought again at today's prices as the quote they saw, with the
    /// agreements the shopper gave on the reorder page (required in Korea, as at checkout).
    /// </summary>
    public sealed record Reorder(string OrderNumber, string QuoteVersion, OrderAgreements? Agreements = null) : OrderSource;

    /// <summary>
    /// Another try at one of the signed-in shopper's orders whose payment just failed, by the same order
    /// (F17, docs/payment-failure-modes.md).
    /// </summary>
    public sealed record PayAgain(string OrderNumber) : OrderSource;
}

/// <summary>
/// The one way an order is placed and its payment started, whatever it is placed from (<see cref="OrderSource"/>).
/// Every step is safe to repeat: each form carries a one-time submit key, and a second submit of the same form
/// replays the first one's outcome, to that payment's own shopper or cart only; the order, its stock reservation and
/// the payment attempt with its idempotency key are saved in one transaction before Adyen is called, and read and
/// checked again while concurrent checkouts change the stock under them (F04, F14, F19, docs/payment-failure-modes.md).
/// </summary>
public sealed partial class OrderPlacement(
    StorefrontDbContext db,
    CartService carts,
    ShopperOrders shopperOrders,
    PaymentMethodsQuery paymentMethods,
    PaymentStarter payments,
    PaymentFinalizer finalizer,
    TimeProvider time,
    IOptions<OrderOptions> orderOptions,
    IStringLocalizer<OrderPlacement> texts,
    IStringLocalizer<SharedResource> sharedLocalizer,
    CheckoutMetrics metrics,
    ShippingFees shipping,
    ILogger<OrderPlacement> logger)
{
    /// <summary>The shipping line's name, in the language of the request placing the order (the order's own).</summary>
    private string ShippingLineName => texts["Shipping"];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private TimeSpan PaymentWindow => orderOptions.Value.PaymentTimeout;

    /// <summary>
    /// Places the order <paramref name="source"/> describes and pays it with <paramref name="paymentMethod"/> (a method
    /// type, or a saved method's form value): by redirect, or in one step with a saved method.
    /// </summary>
    public async Task<CheckoutOutcome> PlaceAsync(OrderSource source, string paymentMethod, string submitKey, Payer payer,
        CancellationToken cancellationToken)
    {
        var plan = PlanFor(source, payer);
        if (await payments.FindAttemptAsync(submitKey, cancellationToken) is { } submitted)
            return await ReplayAsync(plan, submitted, cancellationToken);
        var pricing = await plan.PriceAsync(cancellationToken);
        if (pricing is not Priced priced)
            return pricing;
        var offered = await paymentMethods.ForAsync(priced.Market, priced.Total, payer.ShopperId, cancellationToken);
        if (offered.Unavailable)
            return new CheckoutOutcome.Problem(payments.ProviderUnavailable);
        var saveConsent = source is OrderSource.Cart { Form.SavePaymentMethod: true };
        if (Choose(paymentMethod, saveConsent, offered) is not { } choice)
            return NotOffered(paymentMethod);

        CheckoutOutcome placed;
        try
        {
            // Another checkout may take the stock, or the cart or the order may change, in between: read and reserve again.
            placed = await db.UnitOfWorkAsync(() => PlaceOnceAsync(plan, choice, submitKey, cancellationToken));
        }
        catch (DbUpdateConcurrencyException)
        {
            // Every try lost the race for the same stock: nothing was saved.
            LogPlacementContended(logger);
            return new CheckoutOutcome.Problem(texts[
                "Many shoppers are buying the same items right now, and your order could not be placed. You have not been charged; please try again."]);
        }
        catch (DbUpdateException)
        {
            // The same form was submitted twice at once, and the other request created the attempt.
            db.ChangeTracker.Clear();
            if (await payments.FindAttemptAsync(submitKey, cancellationToken) is { } concurrent)
                return await ReplayAsync(plan, concurrent, cancellationToken);
            throw;
        }
        return placed is Placed { Attempt: var attempt }
            ? await payments.StartAsync(attempt, priced.Market, payer, cancellationToken)
            : placed;
    }

    /// <summary>One try: reads afresh, checks and reserves the stock, and saves order, stock and attempt together.</summary>
    private async Task<CheckoutOutcome> PlaceOnceAsync(Plan plan, PaymentChoice choice, string submitKey, CancellationToken cancellationToken)
    {
        var now = Now;
        var drafting = await plan.DraftAsync(now, cancellationToken);
        if (drafting is not Drafted draft)
            return drafting;
        if (Shortage(draft, plan.WhatNext) is { } shortage)
        {
            if (shortage.OutOfStock)
                metrics.StockOut();
            return new CheckoutOutcome.Problem(shortage.Message);
        }
        var order = await draft.OpenAsync();
        foreach (var wanted in draft.Wanted)
            draft.Products[wanted.ProductId].ReserveStock(wanted.Quantity, order.Number, now);
        var attempt = choice.StartOn(order, submitKey, now);
        await db.SaveChangesAsync(cancellationToken);
        LogOrderPlaced(logger, order.Number, plan.Name, attempt.Reference);
        return new Placed(attempt);
    }

    /// <summary>The one stock check: every wanted product still sold, and in stock for the quantity wanted.</summary>
    private (string Message, bool OutOfStock)? Shortage(Drafted draft, string whatNext)
    {
        foreach (var wanted in draft.Wanted)
        {
            if (!draft.Products.TryGetValue(wanted.ProductId, out var product) || !product.IsPublished)
                return (texts["{0} is no longer sold. {1}", wanted.Name, whatNext], false);
            if (product.Stock < wanted.Quantity)
                return (product.Stock <= 0
                    ? texts["{0} has just sold out. {1}", wanted.Name, whatNext]
                    : texts["Only {0} of {1} left. {2}", product.Stock, wanted.Name, whatNext], true);
        }
        return null;
    }

    /// <summary>A form submitted again: its first submit's outcome, for that payment's own shopper or cart only.</summary>
    private async Task<CheckoutOutcome> ReplayAsync(Plan plan, PaymentAttempt submitted, CancellationToken cancellationToken)
    {
        if (await plan.OwnsAsync(submitted.Order, cancellationToken))
            return await payments.ReplayAsync(submitted, cancellationToken);
        LogForeignSubmitKey(logger, submitted.Order.Number);
        return new CheckoutOutcome.NotFound();
    }

    /// <summary>
    /// What the shopper chose, if it is on offer: a saved method (by our row id, among the shopper's own that Adyen
    /// offers), or a method type. Saving is asked only with the shopper's consent and only where it is offered, so a
    /// guest's (or another market's) posted consent is ignored.
    /// </summary>
    private static PaymentChoice? Choose(string paymentMethod, bool saveConsent, PaymentMethodsResult offered)
    {
        if (SavedMethodOption.IdFromFormValue(paymentMethod) is { } savedId)
            return offered.Saved.FirstOrDefault(s => s.Id == savedId) is { } saved ? new PaymentChoice(saved.Type, false, saved) : null;
        if (!offered.Offers(paymentMethod))
            return null;
        return new PaymentChoice(paymentMethod, saveConsent && offered.OffersSaving && paymentMethod == PaymentMethodsQuery.SavableMethod, null);
    }

    private CheckoutOutcome.Problem NotOffered(string paymentMethod) =>
        new(SavedMethodOption.IdFromFormValue(paymentMethod) is null
            ? texts["The payment method \"{0}\" is not available for this order. Choose one of those shown.", paymentMethod]
            : texts["That saved payment method is not available for this order. Choose one of those shown."]);

    private async Task<Dictionary<int, Product>> ProductsAsync(IEnumerable<int> productIds, bool tracked, CancellationToken cancellationToken)
    {
        var ids = productIds.ToList();
        var products = db.Products.Include(p => p.Prices).Where(p => ids.Contains(p.Id));
        return await (tracked ? products : products.AsNoTracking()).ToDictionaryAsync(p => p.Id, cancellationToken);
    }

    /// <summary>
    /// How one kind of <see cref="OrderSource"/> takes part in a placement. <see cref="PriceAsync"/> says what is to be
    /// paid (a <see cref="Priced"/>) before Adyen is asked which methods it offers; <see cref="DraftAsync"/> reads the
    /// rows again for each try (a <see cref="Drafted"/>); either answers a problem instead. <see cref="OwnsAsync"/>
    /// decides whether a replayed submit key's payment is this shopper's (or this cart's) to see.
    /// </summary>
    private sealed record Plan(
        string Name,
        string WhatNext,
        Func<Order, CancellationToken, Task<bool>> OwnsAsync,
        Func<CancellationToken, Task<CheckoutOutcome>> PriceAsync,
        Func<DateTime, CancellationToken, Task<CheckoutOutcome>> DraftAsync);

    private Plan PlanFor(OrderSource source, Payer payer) => source switch
    {
        OrderSource.Cart cart => CartPlan(cart, payer.ShopperId),
        OrderSource.Reorder reorder => ReorderPlan(reorder, payer.ShopperId),
        OrderSource.PayAgain payAgain => PayAgainPlan(payAgain, payer.ShopperId),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown order source."),
    };

    private sealed record Priced(Market Market, Money Total) : CheckoutOutcome;

    /// <summary>
    /// A try's tracked rows: the products, what the order takes from their stock, and how to open the order (new,
    /// reused or reopened) once the stock is there.
    /// </summary>
    private sealed record Drafted(IReadOnlyDictionary<int, Product> Products, IReadOnlyList<Wanted> Wanted, Func<Task<Order>> OpenAsync)
        : CheckoutOutcome;

    private sealed record Wanted(int ProductId, string Name, int Quantity);

    private sealed record Placed(PaymentAttempt Attempt) : CheckoutOutcome;

    private sealed record PaymentChoice(string Type, bool StorePaymentMethod, SavedMethodOption? Saved)
    {
        public PaymentAttempt StartOn(Order order, string submitKey, DateTime now) =>
            order.StartAttempt(Type, submitKey, now, StorePaymentMethod, Saved?.StoredPaymentMethodId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout gave up after losing every try to concurrent stock changes")]
    private static partial void LogPlacementContended(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} placed from {Source}, payment attempt {AttemptReference}")]
    private static partial void LogOrderPlaced(ILogger logger, string orderNumber, string source, string attemptReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A submit key of order {OrderNumber} came back from another shopper or cart: refused")]
    private static partial void LogForeignSubmitKey(ILogger logger, string orderNumber);
}
