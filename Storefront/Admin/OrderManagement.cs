using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Notifications;
using Storefront.Orders;
using Storefront.Payments.Adyen;

namespace Storefront.Admin;

/// <summary>
/// The merchandiser's actions on an order. Each goes through the order's state machine, which refuses illegal
/// moves and writes the timeline (who, when, what, from which state). Refunds and cancellations of paid orders are
/// saved as "requested" BEFORE Adyen is called, under a reference that is also the idempotency key, so a retry or a
/// "Send again" can never give money back twice; they stay requested until Adyen's webhook confirms or rejects them (F11, F21).
/// </summary>
/// <remarks>The service owns its unit of work: it clears the context's change tracker before each try.</remarks>
public sealed partial class OrderManagement(
    StorefrontDbContext db, IAdyenCheckout adyen, PaymentFinalizer finalizer, EmailQueue emails, TimeProvider time, ILogger<OrderManagement> logger)
{
    private const int MaxTries = 5;

    /// <summary>The failure reason's column width.</summary>
    private const int MaxFailureLength = 500;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The order with everything the detail page shows, tracked.</summary>
    public Task<Order?> FindAsync(string number, CancellationToken cancellationToken) =>
        db.Orders
            .Include(o => o.Lines)
            .Include(o => o.Attempts)
            .Include(o => o.Modifications)
            .Include(o => o.Events)
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Number == number, cancellationToken);

    /// <summary>
    /// Refunds part or all of what is left. A second submit of the same form (same <paramref name="submitKey"/>) finds
    /// the first refund and sends nothing.
    /// </summary>
    public async Task<ActionOutcome> RefundAsync(string number, long amount, string reason, string submitKey, string actor,
        CancellationToken cancellationToken)
    {
        var requested = await RequestModificationAsync(number, submitKey,
            order => Task.FromResult<PaymentModification?>(order.RequestRefund(amount, reason, actor, Now, submitKey)), cancellationToken);
        return requested.Modification is { } refund && requested.IsNew
            ? await SubmitAsync(refund, cancellationToken)
            : requested.Outcome;
    }

    /// <summary>
    /// Cancels the order. Unpaid: at once, its stock given back. Paid: a reversal of everything not yet refunded is
    /// sent to Adyen (KakaoPay captures at once, so cancelling means giving the money back); the order is cancelled
    /// when Adyen's webhook confirms it.
    /// </summary>
    public async Task<ActionOutcome> CancelAsync(string number, string reason, string submitKey, string actor,
        CancellationToken cancellationToken)
    {
        var requested = await RequestModificationAsync(number, submitKey, async order =>
        {
            var reversal = order.Cancel(reason, actor, Now, submitKey);
            if (reversal is null && order.TakeStockRelease())
                await finalizer.ReleaseStockAsync(order, cancellationToken);
            return reversal;
        }, cancellationToken);
        if (requested.Modification is { } reversal && requested.IsNew)
            return await SubmitAsync(reversal, cancellationToken);
        if (requested is { Outcome.Succeeded: true, Modification: null })
        {
            LogCancelled(logger, number);
            return ActionOutcome.Done("Order cancelled. Its stock is back on sale; a payment still open at KakaoPay will be refunded if it ever succeeds.");
        }
        return requested.Outcome;
    }

    /// <summary>Sends a requested refund or cancellation to Adyen again: same reference, same idempotency key, so it is safe.</summary>
    public async Task<ActionOutcome> SendAgainAsync(string number, string reference, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var order = await FindAsync(number, cancellationToken);
        var modification = order?.Modifications.FirstOrDefault(m => m.Reference == reference);
        if (modification is null)
            return ActionOutcome.Refused($"Order {number} has no refund or cancellation {reference}.");
        if (modification.Status != ModificationStatus.Requested)
            return ActionOutcome.Refused($"{Describe(modification)} is already {modification.Status.ToString().ToLowerInvariant()}: there is nothing to send.");
        if (modification.PspReference is not null)
            return ActionOutcome.Refused($"Adyen already received {Describe(modification)}; it is waiting for Adyen's confirmation.");
        return await SubmitAsync(modification, cancellationToken);
    }

    public Task<ActionOutcome> FulfilAsync(string number, string carrier, string trackingNumber, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(number, order =>
        {
            order.MarkFulfilled(carrier, trackingNumber, actor, Now);
            emails.OrderShipped(order);
            return $"Order marked fulfilled: {order.Carrier}, tracking {order.TrackingNumber}.";
        }, cancellationToken);

    public Task<ActionOutcome> AddNoteAsync(string number, string text, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(number, order =>
        {
            order.AddNote(text, actor, Now);
            return "Note added.";
        }, cancellationToken);

    public Task<ActionOutcome> ClearReviewAsync(string number, string resolution, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(number, order =>
        {
            order.ClearReview(resolution, actor, Now);
            return "The order no longer needs review.";
        }, cancellationToken);

    private async Task<ActionOutcome> ChangeAsync(string number, Func<Order, string> change, CancellationToken cancellationToken)
    {
        for (var tryNumber = 1; ; tryNumber++)
        {
            db.ChangeTracker.Clear();
            var order = await FindAsync(number, cancellationToken);
            if (order is null)
                return ActionOutcome.Refused($"There is no order {number}.");
            string message;
            try
            {
                message = change(order);
            }
            catch (OrderStateException ex)
            {
                return ActionOutcome.Refused(ex.Message);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return ActionOutcome.Done(message);
            }
            catch (DbUpdateConcurrencyException) when (tryNumber < MaxTries)
            {
                // A webhook or another merchandiser moved the order: read it again and decide again.
            }
        }
    }

    /// <summary>
    /// Saves a new refund or reversal (or, for an unpaid cancellation, the cancelled order) before anything is sent.
    /// The form's one-time key is looked up first, and again when the save collides, so a double click finds the
    /// modification the first click made.
    /// </summary>
    private async Task<Requested> RequestModificationAsync(string number, string submitKey,
        Func<Order, Task<PaymentModification?>> request, CancellationToken cancellationToken)
    {
        for (var tryNumber = 1; ; tryNumber++)
        {
            db.ChangeTracker.Clear();
            if (await FindBySubmitKeyAsync(submitKey, cancellationToken) is { } submitted)
                return AlreadyRequested(submitted);
            var order = await FindAsync(number, cancellationToken);
            if (order is null)
                return new Requested(ActionOutcome.Refused($"There is no order {number}."), null, false);
            PaymentModification? modification;
            try
            {
                modification = await request(order);
            }
            catch (OrderStateException ex)
            {
                return new Requested(ActionOutcome.Refused(ex.Message), null, false);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (modification is not null)
                    LogRequested(logger, modification.Kind, modification.Reference);
                return new Requested(ActionOutcome.Done(""), modification, IsNew: true);
            }
            catch (DbUpdateException) when (tryNumber < MaxTries)
            {
                // The same form came in twice at once (the submit key is unique), or a webhook moved the order:
                // the next turn finds the first submit's modification, or decides again on fresh data.
            }
        }
    }

    private static Requested AlreadyRequested(PaymentModification modification) =>
        new(ActionOutcome.Done($"{Describe(modification)} was already requested by this form; nothing more was sent."), modification, false);

    private Task<PaymentModification?> FindBySubmitKeyAsync(string submitKey, CancellationToken cancellationToken) =>
        db.PaymentModifications.AsNoTracking().FirstOrDefaultAsync(m => m.SubmitKey == submitKey, cancellationToken);

    /// <summary>
    /// Sends a saved modification to Adyen with its reference as <c>reference</c> and idempotency key. A 201 only means
    /// "received": the pspReference is recorded and the modification stays requested until the webhook.
    /// </summary>
    private async Task<ActionOutcome> SubmitAsync(PaymentModification modification, CancellationToken cancellationToken)
    {
        var what = Describe(modification);
        if (modification.Payment.PspReference is not { } paymentPspReference)
            return await RejectAsync(modification, "the payment has no Adyen pspReference", cancellationToken);
        try
        {
            var response = modification.Kind == ModificationKind.Refund
                ? await adyen.RefundAsync(paymentPspReference, new PaymentRefundRequest
                {
                    Amount = Amount.From(modification.Total),
                    Reference = modification.Reference,
                }, modification.IdempotencyKey, cancellationToken)
                : await adyen.ReversalAsync(paymentPspReference, new PaymentReversalRequest
                {
                    Reference = modification.Reference,
                }, modification.IdempotencyKey, cancellationToken);
            modification.RecordSubmitted(response.PspReference);
            await db.SaveChangesAsync(cancellationToken);
            LogSubmitted(logger, modification.Reference, response.PspReference);
            return ActionOutcome.Done($"{what} sent to Adyen, which received it. It shows as requested until Adyen confirms it.");
        }
        catch (AdyenRequestRejectedException ex)
        {
            LogRejected(logger, modification.Reference, ex.ErrorCode);
            var message = ex.Error?.Message is { Length: > 0 } text ? $"{text} ({ex.ErrorCode})" : ex.Message;
            return await RejectAsync(modification, message.Length <= MaxFailureLength ? message : message[..MaxFailureLength], cancellationToken);
        }
        catch (AdyenRequestInProgressException)
        {
            return ActionOutcome.Pending($"{what} is saved as requested; Adyen is still working on it. Use \"Send again\" if it is not received in a few minutes.");
        }
        catch (AdyenException ex)
        {
            LogUnavailable(logger, modification.Reference, ex.Operation);
            return ActionOutcome.Pending($"{what} is saved as requested, but Adyen could not be reached, so it was not sent. Use \"Send again\": it is safe, Adyen sees the same request.");
        }
    }

    /// <summary>Adyen refused the request outright: the modification fails at once and its amount is refundable again.</summary>
    private async Task<ActionOutcome> RejectAsync(PaymentModification modification, string message, CancellationToken cancellationToken)
    {
        var (number, reference) = (modification.Order.Number, modification.Reference);
        var what = Describe(modification);
        for (var tryNumber = 1; ; tryNumber++)
        {
            try
            {
                var order = modification.Order;
                order.RejectModification(modification, message, Now);
                await db.SaveChangesAsync(cancellationToken);
                return ActionOutcome.Refused($"Adyen refused {what}: {message}. Nothing was given back.");
            }
            catch (DbUpdateConcurrencyException) when (tryNumber < MaxTries)
            {
                db.ChangeTracker.Clear();
                var order = await FindAsync(number, cancellationToken);
                modification = order!.Modifications.Single(m => m.Reference == reference);
            }
        }
    }

    private static string Describe(PaymentModification modification) =>
        $"{(modification.Kind == ModificationKind.Refund ? "Refund" : "Cancellation")} {modification.Reference} of {modification.Total}";

    /// <summary>What <see cref="RequestModificationAsync"/> did: <see cref="IsNew"/> when this call saved the modification.</summary>
    private sealed record Requested(ActionOutcome Outcome, PaymentModification? Modification, bool IsNew);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Reference} requested by a merchandiser")]
    private static partial void LogRequested(ILogger logger, ModificationKind kind, string reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Modification {Reference} received by Adyen as {PspReference}")]
    private static partial void LogSubmitted(ILogger logger, string reference, string pspReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adyen rejected modification {Reference} with error code {ErrorCode}")]
    private static partial void LogRejected(ILogger logger, string reference, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modification {Reference} not sent: Adyen {Operation} unavailable; it stays requested")]
    private static partial void LogUnavailable(ILogger logger, string reference, string operation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} cancelled before payment by a merchandiser")]
    private static partial void LogCancelled(ILogger logger, string orderNumber);
}

/// <summary>What a merchandiser's action did, in words for the page.</summary>
public sealed record ActionOutcome(ActionResultKind Kind, string Message)
{
    public bool Succeeded => Kind != ActionResultKind.Refused;

    public static ActionOutcome Done(string message) => new(ActionResultKind.Done, message);

    /// <summary>Saved, but not (yet) sent: the page offers "Send again".</summary>
    public static ActionOutcome Pending(string message) => new(ActionResultKind.Pending, message);

    /// <summary>Refused by the state machine or by Adyen: nothing changed, or the modification failed.</summary>
    public static ActionOutcome Refused(string message) => new(ActionResultKind.Refused, message);
}

public enum ActionResultKind
{
    Done,
    Pending,
    Refused,
}
