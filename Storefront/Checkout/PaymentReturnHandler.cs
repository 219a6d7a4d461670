using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Payments.Adyen;

namespace Storefront.Checkout;

/// <summary>
/// What happens when the shopper comes back from KakaoPay. Works without cookies or a session (the app
/// switch can bring the shopper back in another browser): the attempt comes from the signed reference in
/// the returnUrl. /payments/details is called at most once per attempt; refreshes, replays and the webhook
/// all end in the same stored outcome (F01, F02, F04, docs/payment-failure-modes.md).
/// </summary>
public sealed partial class PaymentReturnHandler(
    StorefrontDbContext db,
    IAdyenCheckout adyen,
    PaymentFinalizer finalizer,
    OrderLinks links,
    TimeProvider time,
    CheckoutMetrics metrics,
    ILogger<PaymentReturnHandler> logger)
{
    /// <summary>How long one return holds the /payments/details call before another may take it over.</summary>
    private static readonly TimeSpan DetailsClaimLifetime = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<ReturnOutcome> HandleAsync(string? signedReference, string? redirectResult, string? payload,
        CancellationToken cancellationToken)
    {
        if (links.ReadReturnReference(signedReference) is not { } reference)
        {
            LogForgedReturn(logger);
            metrics.Return("invalid");
            return new ReturnOutcome.Invalid();
        }
        var attempt = await db.PaymentAttempts.Include(a => a.Order)
            .FirstOrDefaultAsync(a => a.Reference == reference, cancellationToken);
        if (attempt is null)
        {
            metrics.Return("invalid");
            return new ReturnOutcome.Invalid();
        }

        if (string.IsNullOrEmpty(redirectResult) && string.IsNullOrEmpty(payload))
            return await ShowAsync(attempt.Order, attempt, cancellationToken);
        if (!attempt.TryClaimDetails(time.GetUtcNow().UtcDateTime, DetailsClaimLifetime))
            return await ShowAsync(attempt.Order, attempt, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another return (a refresh, the other tab) or the webhook got there first.
            return await ShowCurrentAsync(reference, cancellationToken);
        }

        PaymentDetailsResponse details;
        try
        {
            details = await adyen.PaymentDetailsAsync(new PaymentDetailsRequest
            {
                Details = new PaymentCompletionDetails { RedirectResult = NullIfEmpty(redirectResult), Payload = NullIfEmpty(payload) },
            }, attempt.DetailsIdempotencyKey($"{redirectResult}|{payload}"), cancellationToken);
        }
        catch (AdyenRequestRejectedException ex)
        {
            // Adyen refused the result itself (forged or damaged): it settled nothing. The page shows the attempt as it
            // is, and the shopper's real return may claim the call straight away.
            LogDetailsRejected(logger, reference, ex.ErrorCode);
            return await ReleaseAsync(reference, cancellationToken);
        }
        catch (AdyenException ex)
        {
            // Not a failure of the payment: the webhook settles it, and the order page says it is being confirmed.
            LogDetailsFailed(logger, reference, ex.GetType().Name, ex.ErrorCode);
            return await ShowCurrentAsync(reference, cancellationToken);
        }

        if (details.MerchantReference is { Length: > 0 } echoed && echoed != reference)
        {
            // A redirectResult from some other payment pasted onto our returnUrl.
            LogMismatchedReturn(logger, reference);
            return await ReleaseAsync(reference, cancellationToken);
        }

        var result = PaymentStarter.ToResult(details.ResultCode, details.PspReference, details.Amount, details.RefusalReason);
        var finalized = await finalizer.ApplyAsync(reference, result, OrderEventSource.Return,
            JsonSerializer.Serialize(details, PayloadJson), cancellationToken);
        return await ShowAsync(finalized.Order!, finalized.Order!.Attempts.Single(a => a.Reference == reference), cancellationToken);
    }

    private async Task<ReturnOutcome> ReleaseAsync(string reference, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var attempt = await db.PaymentAttempts.Include(a => a.Order).FirstAsync(a => a.Reference == reference, cancellationToken);
        attempt.ReleaseDetailsClaim(time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The webhook (or the real return) moved the attempt meanwhile: what it wrote stands.
        }
        return await ShowCurrentAsync(reference, cancellationToken);
    }

    private async Task<ReturnOutcome> ShowCurrentAsync(string reference, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var attempt = await db.PaymentAttempts.AsNoTracking().Include(a => a.Order)
            .FirstAsync(a => a.Reference == reference, cancellationToken);
        return await ShowAsync(attempt.Order, attempt, cancellationToken);
    }

    /// <summary>
    /// A failed payment sends the shopper back to where it started: the cart's checkout, or (for a signed-in user's
    /// reorder, or another try at an order outside the cart) that order's payment page.
    /// </summary>
    private async Task<ReturnOutcome> ShowAsync(Order order, PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        metrics.Return(attempt.Status);
        return order.Status == OrderStatus.PaymentFailed && attempt == order.CurrentAttempt
            ? new ReturnOutcome.PaymentFailed(order.Number, attempt.Status,
                FromCart: order.ShopperId is null || await db.Carts.AnyAsync(c => c.PendingOrderId == order.Id, cancellationToken))
            : new ReturnOutcome.ShowOrder(links.OrderPath(order.Number));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment return with a missing or forged reference")]
    private static partial void LogForgedReturn(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment return {AttemptReference}: /payments/details failed ({Error} {ErrorCode}); waiting for the webhook")]
    private static partial void LogDetailsFailed(ILogger logger, string attemptReference, string error, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment return {AttemptReference}: Adyen refused the result ({ErrorCode}); the attempt is unchanged")]
    private static partial void LogDetailsRejected(ILogger logger, string attemptReference, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment return {AttemptReference}: Adyen's result names another payment; ignored")]
    private static partial void LogMismatchedReturn(ILogger logger, string attemptReference);
}

public abstract record ReturnOutcome
{
    public sealed record ShowOrder(string Path) : ReturnOutcome;

    public sealed record PaymentFailed(string OrderNumber, AttemptStatus Status, bool FromCart) : ReturnOutcome;

    public sealed record Invalid : ReturnOutcome;
}
