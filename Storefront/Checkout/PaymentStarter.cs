using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Storefront.Account;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Shared;

namespace Storefront.Checkout;

/// <summary>
/// Starts the payment of an attempt that is already saved with its idempotency key (see <see cref="OrderPlacement"/>):
/// one <c>/payments</c> call, a KakaoPay redirect or a one-step payment with a saved KakaoPay, and what each of
/// Adyen's answers means for the order. Also replays what an earlier submit of the same form started
/// (F04, F14, F19, docs/payment-failure-modes.md).
/// </summary>
public sealed partial class PaymentStarter(
    StorefrontDbContext db,
    IAdyenCheckout adyen,
    PaymentFinalizer finalizer,
    OrderLinks links,
    SavedPaymentMethods savedMethods,
    TimeProvider time,
    IOptions<AdyenOptions> adyenOptions,
    IStringLocalizer<PaymentStarter> texts,
    CheckoutMetrics metrics,
    ILogger<PaymentStarter> logger)
{
    public string ProviderUnavailable =>
        texts["KakaoPay cannot be reached right now. You have not been charged; please try again in a few minutes."];

    private static readonly JsonSerializerOptions ActionJson = new(JsonSerializerDefaults.Web);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Asks Adyen to pay <paramref name="attempt"/> and records its answer on the order.</summary>
    public async Task<CheckoutOutcome> StartAsync(PaymentAttempt attempt, Market market, Payer payer, CancellationToken cancellationToken)
    {
        var order = attempt.Order;
        var usesToken = attempt.StoredPaymentMethodId is not null;
        // The token belongs to the shopperReference that created it: the signed-in owner's, never one from a form.
        var shopperReference = payer.ShopperId is { } shopperId
            ? await db.Users.Where(u => u.Id == shopperId).Select(u => u.ShopperReference).FirstOrDefaultAsync(cancellationToken)
            : null;
        if ((usesToken || attempt.StorePaymentMethod) && shopperReference is null)
            throw new InvalidOperationException($"Attempt {attempt.Reference} saves or uses a token, but no shopper is signed in.");

        PaymentResponse response;
        try
        {
            response = await adyen.PaymentsAsync(Request(attempt, market, payer, shopperReference), attempt.IdempotencyKey, cancellationToken);
        }
        catch (AdyenRequestInProgressException)
        {
            return new CheckoutOutcome.Problem(texts["Your payment is already being started. Please wait a moment, then check your order."]);
        }
        catch (AdyenRequestRejectedException ex)
        {
            LogPaymentRejected(logger, attempt.Reference, ex.ErrorCode);
            await finalizer.ApplyAsync(attempt.Reference, new PaymentResult(AttemptStatus.Error, RefusalReason: $"Adyen rejected the payment ({ex.ErrorCode})"),
                OrderEventSource.System, cancellationToken: cancellationToken);
            metrics.Checkout(AttemptStatus.Error, attempt);
            if (usesToken)
            {
                if (ex.ErrorCode == SavedPaymentMethods.ContractNotFound)
                    await savedMethods.RecordPaymentAsync(order.ShopperId!, attempt.StoredPaymentMethodId!, TokenPaymentOutcome.Gone, cancellationToken);
                return new CheckoutOutcome.SavedMethodFailed(order.Number);
            }
            return new CheckoutOutcome.Problem(texts["KakaoPay could not start this payment. You have not been charged; please check your details and try again."]);
        }
        catch (AdyenUnavailableException) when (usesToken)
        {
            // Unlike a redirect, a token payment needs no shopper at KakaoPay: Adyen may have authorised it. Its
            // AUTHORISATION webhook settles the attempt; until then the order page says the payment is being confirmed.
            await finalizer.ApplyAsync(attempt.Reference, new PaymentResult(AttemptStatus.Pending),
                OrderEventSource.System, cancellationToken: cancellationToken);
            metrics.Checkout(AttemptStatus.Pending, attempt);
            return new CheckoutOutcome.ShowOrder(links.OrderPath(order.Number));
        }
        catch (AdyenUnavailableException)
        {
            // A redirect payment Adyen may have created cannot complete without the shopper, so giving the
            // attempt up is safe; should it ever be authorised, the late success is flagged and refunded.
            await finalizer.ApplyAsync(attempt.Reference, new PaymentResult(AttemptStatus.Error, RefusalReason: "payment provider unavailable"),
                OrderEventSource.System, cancellationToken: cancellationToken);
            metrics.Checkout(AttemptStatus.Error, attempt);
            return new CheckoutOutcome.Problem(ProviderUnavailable);
        }

        if (response.ResultCode == PaymentResultCode.RedirectShopper && response.Action is { Url: { Length: > 0 } } action)
        {
            attempt.RecordRedirect(JsonSerializer.Serialize(action, ActionJson), Now);
            await db.SaveChangesAsync(cancellationToken);
            metrics.Checkout("redirect", attempt);
            return new CheckoutOutcome.RedirectToPayment(action);
        }

        var result = ToResult(response.ResultCode, response.PspReference, response.Amount, response.RefusalReason);
        var finalized = await finalizer.ApplyAsync(attempt.Reference, result, OrderEventSource.System,
            cancellationToken: cancellationToken);
        metrics.Checkout(result.Status, attempt);
        if (usesToken && result.Status is AttemptStatus.Authorised or AttemptStatus.Refused)
        {
            await savedMethods.RecordPaymentAsync(order.ShopperId!, attempt.StoredPaymentMethodId!,
                result.Status == AttemptStatus.Authorised ? TokenPaymentOutcome.Used : TokenPaymentOutcome.Refused, cancellationToken);
        }
        return Outcome(finalized.Order!, attempt.Reference);
    }

    /// <summary>The attempt a form's one-time key started, with its order and the order's attempts; null when none.</summary>
    public Task<PaymentAttempt?> FindAttemptAsync(string submitKey, CancellationToken cancellationToken) =>
        db.PaymentAttempts.Include(a => a.Order).ThenInclude(o => o.Attempts)
            .FirstOrDefaultAsync(a => a.SubmitKey == submitKey, cancellationToken);

    /// <summary>The same form came in again: show what the first submit started, never a second payment.</summary>
    public async Task<CheckoutOutcome> ReplayAsync(PaymentAttempt attempt, CancellationToken cancellationToken)
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
            return new CheckoutOutcome.Problem(texts["Your payment is being started. Please wait a moment, then check your order."]);
        return Outcome(attempt.Order, attempt.Reference);
    }

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

    private PaymentRequest Request(PaymentAttempt attempt, Market market, Payer payer, string? shopperReference)
    {
        var order = attempt.Order;
        var savesOrUsesToken = attempt.StoredPaymentMethodId is not null || attempt.StorePaymentMethod;
        return new PaymentRequest
        {
            Amount = Amount.From(attempt.Total),
            Reference = attempt.Reference,
            MerchantOrderReference = order.Number,
            PaymentMethod = new PaymentMethodDetails { Type = attempt.PaymentMethodType, StoredPaymentMethodId = attempt.StoredPaymentMethodId },
            ReturnUrl = links.ReturnUrl(attempt, payer.BaseUrl),
            CountryCode = market.Country,
            ShopperLocale = market.Locale,
            Channel = Channel.Web,
            ShopperEmail = order.Contact.Email,
            TelephoneNumber = order.Contact.Phone,
            ShopperReference = shopperReference,
            StorePaymentMethod = attempt.StorePaymentMethod ? true : null,
            ShopperInteraction = attempt.StoredPaymentMethodId is not null ? ShopperInteraction.ContAuth
                : attempt.StorePaymentMethod ? ShopperInteraction.Ecommerce
                : null,
            RecurringProcessingModel = savesOrUsesToken ? adyenOptions.Value.RecurringProcessingModel : null,
            ShopperIP = payer.IpAddress,
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
    }

    private CheckoutOutcome Outcome(Order order, string attemptReference)
    {
        var attempt = order.Attempts.Single(a => a.Reference == attemptReference);
        return attempt.Status switch
        {
            AttemptStatus.Authorised or AttemptStatus.Pending => new CheckoutOutcome.ShowOrder(links.OrderPath(order.Number)),
            _ when attempt.StoredPaymentMethodId is not null => new CheckoutOutcome.SavedMethodFailed(order.Number),
            AttemptStatus.Refused => new CheckoutOutcome.Problem(texts["The payment was refused. You have not been charged; you can try again."]),
            AttemptStatus.Cancelled => new CheckoutOutcome.Problem(texts["The payment was cancelled. You have not been charged; you can try again."]),
            _ => new CheckoutOutcome.Problem(texts["The payment could not be completed. You have not been charged; you can try again."]),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adyen rejected payment {AttemptReference} with error code {ErrorCode}")]
    private static partial void LogPaymentRejected(ILogger logger, string attemptReference, string? errorCode);
}
