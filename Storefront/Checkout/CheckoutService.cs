using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Account;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Shared;

namespace Storefront.Checkout;

/// <summary>
/// Turns the cart (or, for a signed-in user, an earlier order: see CheckoutService.Reorder.cs) into an order and
/// starts its payment with Adyen: a KakaoPay redirect, or one step with a saved KakaoPay. Every step is safe to
/// repeat: each form carries a one-time submit key, the attempt and its idempotency key are saved before Adyen is
/// called, and a second submit of the same form replays the first one's outcome (F04, F14, F19).
/// </summary>
public sealed partial class CheckoutService(
    StorefrontDbContext db,
    CartService carts,
    IAdyenCheckout adyen,
    PaymentFinalizer finalizer,
    OrderLinks links,
    UserManager<Shopper> users,
    SavedPaymentMethods savedMethods,
    TimeProvider time,
    IOptions<OrderOptions> orderOptions,
    IOptions<AdyenOptions> adyenOptions,
    ILogger<CheckoutService> logger)
{
    /// <summary>The one method a signed-in user can save for later, with their consent.</summary>
    public const string SavableMethod = "kakaopay";

    private const int MaxPlacementTries = 8;

    private const string TooBusy =
        "Many shoppers are buying the same items right now, and your order could not be placed. You have not been charged; please try again.";

    private static readonly JsonSerializerOptions ActionJson = new(JsonSerializerDefaults.Web);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The payment methods Adyen offers for this exact amount, currency and country (F16).</summary>
    public Task<PaymentMethodsResult> PaymentMethodsAsync(PricedCart cart, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        cart.IsEmpty
            ? Task.FromResult(new PaymentMethodsResult([], Unavailable: false))
            : PaymentMethodsAsync(cart.Market, cart.Total, user, cancellationToken);

    /// <summary>
    /// The methods Adyen offers for this payment and, for a signed-in user, their saved methods that Adyen offers too
    /// (asked with the user's shopperReference, matched with our active rows): those come first.
    /// </summary>
    private async Task<PaymentMethodsResult> PaymentMethodsAsync(Market market, Money total, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (total.MinorUnits <= 0)
            return new PaymentMethodsResult([], Unavailable: false);
        var shopper = await SignedInShopperAsync(user);
        try
        {
            var response = await adyen.PaymentMethodsAsync(new PaymentMethodsRequest
            {
                CountryCode = market.Country,
                Amount = Amount.From(total),
                Channel = Channel.Web,
                ShopperLocale = market.Locale,
                ShopperReference = shopper?.ShopperReference,
            }, cancellationToken);
            if (response.PaymentMethods.Count == 0)
                LogNoPaymentMethods(logger, market.Country, market.Currency);
            return new PaymentMethodsResult(response.PaymentMethods, Unavailable: false)
            {
                Saved = shopper is null
                    ? []
                    : await savedMethods.OfferableAsync(shopper, response, adyenOptions.Value.RecurringProcessingModel, cancellationToken),
                OffersSaving = shopper is not null && response.PaymentMethods.Any(m => m.Type == SavableMethod),
            };
        }
        catch (AdyenException ex)
        {
            LogPaymentMethodsFailed(logger, ex.Operation, ex.StatusCode is { } s ? (int)s : null);
            return new PaymentMethodsResult([], Unavailable: true);
        }
    }

    public async Task<CheckoutOutcome> PlaceOrderAsync(CheckoutForm form, Market market, ClaimsPrincipal user,
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (await FindAttemptAsync(form.SubmitKey, cancellationToken) is { } submitted)
            return await ReplayAsync(submitted, cancellationToken);

        var cart = await carts.FindAsync(cancellationToken);
        if (cart is null || cart.IsEmpty)
            return new CheckoutOutcome.Problem("Your cart is empty.");
        var priced = await carts.PriceAsync(cart, market, cancellationToken);
        var offered = await PaymentMethodsAsync(priced, user, cancellationToken);
        if (offered.Unavailable)
            return new CheckoutOutcome.Problem(ProviderUnavailable);
        if (Choose(form.PaymentMethod, form.SavePaymentMethod, offered) is not { } choice)
            return NotOffered(form.PaymentMethod);

        PaymentAttempt attempt;
        try
        {
            var placed = await PlaceAsync(form, market, user, choice, cancellationToken);
            if (placed is CheckoutOutcome.Problem problem)
                return problem;
            attempt = ((PlacedAttempt)placed).Attempt;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Every try lost the race for the same stock: nothing was saved.
            LogPlacementContended(logger);
            return new CheckoutOutcome.Problem(TooBusy);
        }
        catch (DbUpdateException)
        {
            // The same form was submitted twice at once, and the other request created the attempt.
            db.ChangeTracker.Clear();
            if (await FindAttemptAsync(form.SubmitKey, cancellationToken) is { } concurrent)
                return await ReplayAsync(concurrent, cancellationToken);
            throw;
        }

        return await StartPaymentAsync(attempt, market, user, request, cancellationToken);
    }

    /// <summary>Re-prices the cart and saves order, stock reservation and attempt in one transaction.</summary>
    private async Task<CheckoutOutcome> PlaceAsync(CheckoutForm form, Market market, ClaimsPrincipal user, PaymentChoice choice,
        CancellationToken cancellationToken)
    {
        for (var tryNumber = 1; ; tryNumber++)
        {
            db.ChangeTracker.Clear();
            var cart = await carts.FindAsync(cancellationToken);
            if (cart is null || cart.IsEmpty)
                return new CheckoutOutcome.Problem("Your cart is empty.");

            var productIds = cart.Lines.Select(l => l.ProductId).ToList();
            var products = await db.Products.Include(p => p.Prices)
                .Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            var lines = new List<OrderLine>();
            foreach (var cartLine in cart.Lines)
            {
                if (!products.TryGetValue(cartLine.ProductId, out var product) || !product.IsPublished)
                    return new CheckoutOutcome.Problem("An item in your cart is no longer sold. Please review your cart.");
                if (product.PriceIn(market.Currency) is not { } price)
                    return new CheckoutOutcome.Problem($"{product.Name} is not sold in {market.Name}. Remove it or change country.");
                if (product.Stock < cartLine.Quantity)
                    return new CheckoutOutcome.Problem(product.Stock == 0
                        ? $"{product.Name} has just sold out. Please review your cart."
                        : $"Only {product.Stock} of {product.Name} left. Please review your cart.");
                lines.Add(new OrderLine(product.Id, product.Slug, product.Name, product.ImagePath, price.MinorUnits,
                    cartLine.Quantity, market.VatBasisPoints));
            }

            var contact = new ContactDetails(form.Email.Trim(), form.Name.Trim(), form.Phone.Trim());
            var address = new ShippingAddress(form.AddressLine1.Trim(), string.IsNullOrWhiteSpace(form.AddressLine2) ? null : form.AddressLine2.Trim(),
                form.City.Trim(), form.PostalCode.Trim().ToUpperInvariant(), market.Country);
            var now = Now;
            var window = orderOptions.Value.PaymentTimeout;

            var order = await ReusablePendingOrderAsync(cart, lines, contact, address, market, now, cancellationToken);
            if (order is null)
            {
                foreach (var line in lines)
                    products[line.ProductId].ReserveStock(line.Quantity);
                order = Order.Place(OrderNumbers.Next(), CartService.UserId(user), contact, address, market, lines, now, window);
                db.Orders.Add(order);
            }
            else
            {
                foreach (var line in order.Lines)
                    products[line.ProductId].ReserveStock(line.Quantity);
                order.ReopenForPayment(now, window);
            }
            var attempt = choice.StartOn(order, form.SubmitKey, now);

            try
            {
                cart.AttachPendingOrder(order, now);
                await db.SaveChangesAsync(cancellationToken);
                LogOrderPlaced(logger, order.Number, attempt.Reference);
                return new PlacedAttempt(attempt);
            }
            catch (DbUpdateConcurrencyException) when (tryNumber < MaxPlacementTries)
            {
                // Another checkout took stock (or this cart changed) in between: price and reserve again.
            }
        }
    }

    /// <summary>
    /// The cart's previous order, when its payment failed and nothing has changed since: the retry becomes its
    /// next attempt (F17). An older order still waiting on KakaoPay is given up (its stock released; a late
    /// success for it is flagged and refunded), because the shopper is paying again.
    /// </summary>
    private async Task<Order?> ReusablePendingOrderAsync(ShoppingCart cart, IReadOnlyList<OrderLine> lines, ContactDetails contact,
        ShippingAddress address, Market market, DateTime now, CancellationToken cancellationToken)
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
            && pending.Lines.All(l => lines.Any(n => n.ProductId == l.ProductId && n.Quantity == l.Quantity && n.UnitPrice == l.UnitPrice));
        return unchanged ? pending : null;
    }

    private async Task<CheckoutOutcome> StartPaymentAsync(PaymentAttempt attempt, Market market, ClaimsPrincipal user,
        HttpRequest request, CancellationToken cancellationToken)
    {
        var order = attempt.Order;
        var shopperReference = (await SignedInShopperAsync(user))?.ShopperReference;
        var usesToken = attempt.StoredPaymentMethodId is not null;
        if ((usesToken || attempt.StorePaymentMethod) && shopperReference is null)
            throw new InvalidOperationException($"Attempt {attempt.Reference} saves or uses a token, but no shopper is signed in.");
        var paymentRequest = new PaymentRequest
        {
            Amount = Amount.From(attempt.Total),
            Reference = attempt.Reference,
            MerchantOrderReference = order.Number,
            PaymentMethod = new PaymentMethodDetails { Type = attempt.PaymentMethodType, StoredPaymentMethodId = attempt.StoredPaymentMethodId },
            ReturnUrl = links.ReturnUrl(attempt, request),
            CountryCode = market.Country,
            ShopperLocale = market.Locale,
            Channel = Channel.Web,
            ShopperEmail = order.Contact.Email,
            TelephoneNumber = order.Contact.Phone,
            // The token belongs to the shopperReference that created it: the signed-in owner's, never one from a form.
            ShopperReference = shopperReference,
            StorePaymentMethod = attempt.StorePaymentMethod ? true : null,
            ShopperInteraction = usesToken ? ShopperInteraction.ContAuth : attempt.StorePaymentMethod ? ShopperInteraction.Ecommerce : null,
            RecurringProcessingModel = usesToken || attempt.StorePaymentMethod ? adyenOptions.Value.RecurringProcessingModel : null,
            ShopperIP = request.HttpContext.Connection.RemoteIpAddress?.ToString(),
            LineItems = order.Lines.Select(l => new LineItem
            {
                Id = l.Sku,
                Description = l.Name,
                Quantity = l.Quantity,
                AmountIncludingTax = l.UnitPrice,
                TaxAmount = l.UnitTax,
                AmountExcludingTax = l.UnitPrice - l.UnitTax,
                TaxPercentage = l.TaxRateBasisPoints,
            }).ToList(),
        };

        PaymentResponse response;
        try
        {
            response = await adyen.PaymentsAsync(paymentRequest, attempt.IdempotencyKey, cancellationToken);
        }
        catch (AdyenRequestInProgressException)
        {
            return new CheckoutOutcome.Problem("Your payment is already being started. Please wait a moment, then check your order.");
        }
        catch (AdyenRequestRejectedException ex)
        {
            LogPaymentRejected(logger, attempt.Reference, ex.ErrorCode);
            await finalizer.ApplyAsync(attempt.Reference, new PaymentResult(AttemptStatus.Error, RefusalReason: $"Adyen rejected the payment ({ex.ErrorCode})"),
                OrderEventSource.System, cancellationToken: cancellationToken);
            if (usesToken)
            {
                if (ex.ErrorCode == SavedPaymentMethods.ContractNotFound)
                    await savedMethods.RecordPaymentAsync(order.ShopperId!, attempt.StoredPaymentMethodId!, TokenPaymentOutcome.Gone, cancellationToken);
                return new CheckoutOutcome.SavedMethodFailed(order.Number);
            }
            return new CheckoutOutcome.Problem("KakaoPay could not start this payment. You have not been charged; please check your details and try again.");
        }
        catch (AdyenUnavailableException) when (usesToken)
        {
            // Unlike a redirect, a token payment needs no shopper at KakaoPay: Adyen may have authorised it. Its
            // AUTHORISATION webhook settles the attempt; until then the order page says the payment is being confirmed.
            await finalizer.ApplyAsync(attempt.Reference, new PaymentResult(AttemptStatus.Pending),
                OrderEventSource.System, cancellationToken: cancellationToken);
            return new CheckoutOutcome.ShowOrder(links.OrderPath(order.Number));
        }
        catch (AdyenUnavailableException)
        {
            // A redirect payment Adyen may have created cannot complete without the shopper, so giving the
            // attempt up is safe; should it ever be authorised, the late success is flagged and refunded.
            await finalizer.ApplyAsync(attempt.Reference, new PaymentResult(AttemptStatus.Error, RefusalReason: "payment provider unavailable"),
                OrderEventSource.System, cancellationToken: cancellationToken);
            return new CheckoutOutcome.Problem(ProviderUnavailable);
        }

        if (response.ResultCode == PaymentResultCode.RedirectShopper && response.Action is { Url: { Length: > 0 } } action)
        {
            attempt.RecordRedirect(JsonSerializer.Serialize(action, ActionJson), Now);
            await db.SaveChangesAsync(cancellationToken);
            return new CheckoutOutcome.RedirectToPayment(action);
        }

        var result = ToResult(response.ResultCode, response.PspReference, response.Amount, response.RefusalReason);
        var finalized = await finalizer.ApplyAsync(attempt.Reference, result, OrderEventSource.System,
            cancellationToken: cancellationToken);
        if (usesToken && result.Status is AttemptStatus.Authorised or AttemptStatus.Refused)
        {
            await savedMethods.RecordPaymentAsync(order.ShopperId!, attempt.StoredPaymentMethodId!,
                result.Status == AttemptStatus.Authorised ? TokenPaymentOutcome.Used : TokenPaymentOutcome.Refused, cancellationToken);
        }
        return Outcome(finalized.Order!, attempt.Reference);
    }

    /// <summary>The same form came in again: show what the first submit started, never a second payment.</summary>
    private async Task<CheckoutOutcome> ReplayAsync(PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        var deadline = Now.AddSeconds(10);
        while (attempt.Status == AttemptStatus.Created && Now < deadline)
        {
            // The first submit is still talking to Adyen: give it a moment to store the redirect.
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
            db.ChangeTracker.Clear();
            attempt = (await FindAttemptAsync(attempt.SubmitKey, cancellationToken))!;
        }
        if (attempt.Status == AttemptStatus.RedirectShopper && attempt.ActionJson is { } json)
            return new CheckoutOutcome.RedirectToPayment(JsonSerializer.Deserialize<CheckoutAction>(json, ActionJson)!);
        if (attempt.Status == AttemptStatus.Created)
            return new CheckoutOutcome.Problem("Your payment is being started. Please wait a moment, then check your order.");
        return Outcome(attempt.Order, attempt.Reference);
    }

    private CheckoutOutcome Outcome(Order order, string attemptReference)
    {
        var attempt = order.Attempts.Single(a => a.Reference == attemptReference);
        return attempt.Status switch
        {
            AttemptStatus.Authorised or AttemptStatus.Pending => new CheckoutOutcome.ShowOrder(links.OrderPath(order.Number)),
            _ when attempt.StoredPaymentMethodId is not null => new CheckoutOutcome.SavedMethodFailed(order.Number),
            AttemptStatus.Refused => new CheckoutOutcome.Problem("The payment was refused. You have not been charged; you can try again."),
            AttemptStatus.Cancelled => new CheckoutOutcome.Problem("The payment was cancelled. You have not been charged; you can try again."),
            _ => new CheckoutOutcome.Problem("The payment could not be completed. You have not been charged; you can try again."),
        };
    }

    private Task<PaymentAttempt?> FindAttemptAsync(string submitKey, CancellationToken cancellationToken) =>
        db.PaymentAttempts.Include(a => a.Order).ThenInclude(o => o.Attempts)
            .FirstOrDefaultAsync(a => a.SubmitKey == submitKey, cancellationToken);

    private async Task<Shopper?> SignedInShopperAsync(ClaimsPrincipal user) =>
        CartService.UserId(user) is not null ? await users.GetUserAsync(user) : null;

    /// <summary>
    /// What the shopper chose, if it is on offer: a saved method (by our row id, among the user's own that Adyen
    /// offers), or a method type. Saving is asked only with the user's consent and only where it is offered, so a
    /// guest's (or another market's) posted consent is ignored.
    /// </summary>
    private static PaymentChoice? Choose(string paymentMethod, bool saveConsent, PaymentMethodsResult offered)
    {
        if (SavedMethodOption.IdFromFormValue(paymentMethod) is { } savedId)
            return offered.Saved.FirstOrDefault(s => s.Id == savedId) is { } saved ? new PaymentChoice(saved.Type, false, saved) : null;
        if (offered.Methods.All(m => m.Type != paymentMethod))
            return null;
        return new PaymentChoice(paymentMethod, saveConsent && offered.OffersSaving && paymentMethod == SavableMethod, null);
    }

    private static CheckoutOutcome.Problem NotOffered(string paymentMethod) =>
        new(SavedMethodOption.IdFromFormValue(paymentMethod) is null
            ? $"The payment method \"{paymentMethod}\" is not available for this order. Choose one of those shown."
            : "That saved payment method is not available for this order. Choose one of those shown.");

    /// <summary>Adyen's resultCode in our terms. Unknown codes wait for the webhook, like Pending.</summary>
    public static PaymentResult ToResult(PaymentResultCode code, string? pspReference, Amount? amount, string? refusalReason) =>
        new(code switch
        {
            PaymentResultCode.Authorised => AttemptStatus.Authorised,
            PaymentResultCode.Refused => AttemptStatus.Refused,
            PaymentResultCode.Cancelled => AttemptStatus.Cancelled,
            PaymentResultCode.Error => AttemptStatus.Error,
            _ => AttemptStatus.Pending,
        }, pspReference, amount?.ToMoney(), refusalReason);

    private const string ProviderUnavailable =
        "KakaoPay cannot be reached right now. You have not been charged; please try again in a few minutes.";

    private sealed record PlacedAttempt(PaymentAttempt Attempt) : CheckoutOutcome;

    private sealed record PaymentChoice(string Type, bool StorePaymentMethod, SavedMethodOption? Saved)
    {
        public PaymentAttempt StartOn(Order order, string submitKey, DateTime now) =>
            order.StartAttempt(Type, submitKey, now, StorePaymentMethod, Saved?.StoredPaymentMethodId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout gave up after losing every try to concurrent stock changes")]
    private static partial void LogPlacementContended(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} placed, payment attempt {AttemptReference}")]
    private static partial void LogOrderPlaced(ILogger logger, string orderNumber, string attemptReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adyen rejected payment {AttemptReference} with error code {ErrorCode}")]
    private static partial void LogPaymentRejected(ILogger logger, string attemptReference, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adyen offered no payment method for {Country} in {Currency}")]
    private static partial void LogNoPaymentMethods(ILogger logger, string country, string currency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adyen {Operation} failed (status {Status}); showing no payment methods")]
    private static partial void LogPaymentMethodsFailed(ILogger logger, string operation, int? status);
}

/// <summary>Where the checkout POST sends the shopper next.</summary>
public abstract record CheckoutOutcome
{
    /// <summary>To KakaoPay: a 303 for a GET action, an auto-submitted form for a POST action.</summary>
    public sealed record RedirectToPayment(CheckoutAction Action) : CheckoutOutcome;

    public sealed record ShowOrder(string Path) : CheckoutOutcome;

    /// <summary>
    /// A payment with a saved method did not go through: nothing was charged, the order's stock is released, and the
    /// same order can be paid by redirect instead.
    /// </summary>
    public sealed record SavedMethodFailed(string OrderNumber) : CheckoutOutcome;

    /// <summary>Not one of the signed-in user's orders: nothing was done.</summary>
    public sealed record NotFound : CheckoutOutcome;

    /// <summary>Back to the checkout form with a message; nothing was charged.</summary>
    public sealed record Problem(string Message) : CheckoutOutcome;
}

public sealed record PaymentMethodsResult(IReadOnlyList<PaymentMethod> Methods, bool Unavailable)
{
    /// <summary>The signed-in user's saved methods that Adyen offers for this payment; shown first.</summary>
    public IReadOnlyList<SavedMethodOption> Saved { get; init; } = [];

    /// <summary>The user may save KakaoPay with this payment: signed in, and Adyen offers KakaoPay here.</summary>
    public bool OffersSaving { get; init; }
}
