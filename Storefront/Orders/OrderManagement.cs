using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.Notifications;

namespace Storefront.Orders;

/// <summary>
/// The merchandiser's actions on an order. Each goes through the order's state machine, which refuses illegal
/// moves and writes the timeline (who, when, what, from which state). Refunds and cancellations of paid orders are
/// saved as "requested" BEFORE Adyen is called, under a reference that is also the idempotency key, so a retry or a
/// "Send again" can never give money back twice; they stay requested until Adyen's webhook confirms or rejects them
/// (F11, F21, docs/payment-failure-modes.md).
/// </summary>
/// <remarks>
/// Each action is a <see cref="UnitOfWork"/> of its own on the scope's context. What it says comes in the
/// merchandiser's language (<c>Resources/Orders/OrderManagement.resx</c> and <c>.ko.resx</c>).
/// </remarks>
public sealed partial class OrderManagement(
    StorefrontDbContext db,
    ModificationSender sender,
    PaymentFinalizer finalizer,
    OrderEmails emails,
    EmailQueue queue,
    TimeProvider time,
    IStringLocalizer<OrderManagement> localizer,
    StatusWords statusWords,
    ILogger<OrderManagement> logger)
{
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
            return ActionOutcome.Done(localizer["Order cancelled. Its stock is back on sale; a payment still open at KakaoPay will be refunded if it ever succeeds."]);
        }
        return requested.Outcome;
    }

    /// <summary>Sends a requested refund or cancellation to Adyen again: same reference, same idempotency key, so it is safe.</summary>
    public Task<ActionOutcome> SendAgainAsync(string number, string reference, CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync(async () =>
        {
            var order = await FindAsync(number, cancellationToken);
            var modification = order?.Modifications.FirstOrDefault(m => m.Reference == reference);
            if (modification is null)
                return ActionOutcome.Refused(localizer["Order {0} has no refund or cancellation {1}.", number, reference]);
            if (modification.Status != ModificationStatus.Requested)
                return ActionOutcome.Refused(modification.Status == ModificationStatus.Confirmed
                    ? localizer["{0} is already confirmed: there is nothing to send.", Describe(modification)]
                    : localizer["{0} is already failed: there is nothing to send.", Describe(modification)]);
            if (!modification.CanSendAgain)
                return ActionOutcome.Refused(localizer["Adyen already received {0}; it is waiting for Adyen's confirmation.", Describe(modification)]);
            return await SubmitAsync(modification, cancellationToken);
        }, RetryOn.Never);

    /// <summary>Queues a Failed e-mail of the order again, for a fresh set of tries; refused for any other status.</summary>
    public Task<ActionOutcome> SendEmailAgainAsync(string number, long emailId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(number, async order =>
        {
            var email = await db.OutgoingEmails.FirstOrDefaultAsync(e => e.Id == emailId && e.OrderId == order.Id, cancellationToken)
                ?? throw new OrderStateException(localizer["Order {0} has no e-mail {1}.", number, emailId]);
            if (!email.SendAgain(Now))
                throw new OrderStateException(email.Status == EmailStatus.Sent
                    ? localizer["The e-mail \"{0}\" has been sent: only a failed e-mail can be sent again.", email.Subject]
                    : localizer["The e-mail \"{0}\" is waiting to be sent: only a failed e-mail can be sent again.", email.Subject]);
            order.RecordEmailSentAgain(email.Kind.ToString(), actor, Now);
            queue.WakeSenderAfterSave();
            return localizer["The e-mail \"{0}\" is queued to be sent again.", email.Subject];
        }, cancellationToken);

    public Task<ActionOutcome> FulfilAsync(string number, string carrier, string trackingNumber, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(number, order =>
        {
            order.MarkFulfilled(carrier, trackingNumber, actor, Now);
            emails.OrderShipped(order);
            return localizer["Order marked fulfilled: {0}, tracking {1}.", order.Carrier ?? "", order.TrackingNumber ?? ""];
        }, cancellationToken);

    public Task<ActionOutcome> AddNoteAsync(string number, string text, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(number, order =>
        {
            order.AddNote(text, actor, Now);
            return localizer["Note added."];
        }, cancellationToken);

    public Task<ActionOutcome> ClearReviewAsync(string number, string resolution, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(number, order =>
        {
            order.ClearReview(resolution, actor, Now);
            return localizer["The order no longer needs review."];
        }, cancellationToken);

    private Task<ActionOutcome> ChangeAsync(string number, Func<Order, string> change, CancellationToken cancellationToken) =>
        ChangeAsync(number, order => Task.FromResult(change(order)), cancellationToken);

    private Task<ActionOutcome> ChangeAsync(string number, Func<Order, Task<string>> change, CancellationToken cancellationToken) =>
        // A webhook or another merchandiser moved the order: the unit reads it again and decides again.
        db.UnitOfWorkAsync(async () =>
        {
            var order = await FindAsync(number, cancellationToken);
            if (order is null)
                return ActionOutcome.Refused(localizer["There is no order {0}.", number]);
            string message;
            try
            {
                message = await change(order);
            }
            catch (OrderStateException ex)
            {
                return ActionOutcome.Refused(Why(ex));
            }
            await db.SaveChangesAsync(cancellationToken);
            return ActionOutcome.Done(message);
        });

    /// <summary>
    /// Saves a new refund or reversal (or, for an unpaid cancellation, the cancelled order) before anything is sent.
    /// The form's one-time key is looked up first, and again when the save collides, so a double click finds the
    /// modification the first click made.
    /// </summary>
    private Task<Requested> RequestModificationAsync(string number, string submitKey,
        Func<Order, Task<PaymentModification?>> request, CancellationToken cancellationToken) =>
        // The same form came in twice at once (the submit key is unique), or a webhook moved the order: the next turn
        // finds the first submit's modification, or decides again on fresh data.
        db.UnitOfWorkAsync(async () =>
        {
            if (await FindBySubmitKeyAsync(submitKey, cancellationToken) is { } submitted)
                return AlreadyRequested(submitted);
            var order = await FindAsync(number, cancellationToken);
            if (order is null)
                return new Requested(ActionOutcome.Refused(localizer["There is no order {0}.", number]), null, false);
            PaymentModification? modification;
            try
            {
                modification = await request(order);
            }
            catch (OrderStateException ex)
            {
                return new Requested(ActionOutcome.Refused(Why(ex)), null, false);
            }
            await db.SaveChangesAsync(cancellationToken);
            if (modification is not null)
                LogRequested(logger, modification.Kind, modification.Reference);
            return new Requested(ActionOutcome.Done(""), modification, IsNew: true);
        }, RetryOn.ConflictOrDuplicate);

    /// <summary>
    /// Why the order refused, in the merchandiser's words: the order says it in English, and its text is the key of
    /// the translation; a status among the details reads as people read it (결제 완료, not <c>Paid</c>).
    /// </summary>
    private string Why(OrderStateException refusal) => refusal.Arguments.Count == 0
        ? localizer[refusal.Text]
        : localizer[refusal.Text, [.. refusal.Arguments.Select(argument => argument switch
        {
            OrderStatus status => statusWords.Of(status),
            PaymentStatus status => statusWords.Of(status),
            _ => argument,
        })]];

    private Requested AlreadyRequested(PaymentModification modification) =>
        new(ActionOutcome.Done(localizer["{0} was already requested by this form; nothing more was sent.", Describe(modification)]), modification, false);

    private Task<PaymentModification?> FindBySubmitKeyAsync(string submitKey, CancellationToken cancellationToken) =>
        db.PaymentModifications.AsNoTracking().FirstOrDefaultAsync(m => m.SubmitKey == submitKey, cancellationToken);

    /// <summary>Sends a saved modification through <see cref="ModificationSender"/> and says what came of it in the merchandiser's words.</summary>
    private async Task<ActionOutcome> SubmitAsync(PaymentModification modification, CancellationToken cancellationToken)
    {
        var what = Describe(modification);
        var sent = await sender.SendAsync(modification, attended: true, cancellationToken);
        return sent.Outcome switch
        {
            ModificationSendOutcome.Received =>
                ActionOutcome.Done(localizer["{0} sent to Adyen, which received it. It shows as requested until Adyen confirms it.", what]),
            ModificationSendOutcome.Rejected => ActionOutcome.Refused(localizer["Adyen refused {0}: {1}. Nothing was given back.", what, sent.RejectionMessage ?? ""]),
            ModificationSendOutcome.InProgress => ActionOutcome.Pending(
                localizer["{0} is saved as requested; Adyen is still working on it. Use \"Send again\" if it is not received in a few minutes.", what]),
            _ => ActionOutcome.Pending(
                localizer["{0} is saved as requested, but Adyen could not be reached, so it was not sent. Use \"Send again\": it is safe, Adyen sees the same request.", what]),
        };
    }

    private string Describe(PaymentModification modification) => modification.Kind == ModificationKind.Refund
        ? localizer["Refund {0} of {1}", modification.Reference, modification.Total]
        : localizer["Cancellation {0} of {1}", modification.Reference, modification.Total];

    /// <summary>What <see cref="RequestModificationAsync"/> did: <see cref="IsNew"/> when this call saved the modification.</summary>
    private sealed record Requested(ActionOutcome Outcome, PaymentModification? Modification, bool IsNew);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Reference} requested by a merchandiser")]
    private static partial void LogRequested(ILogger logger, ModificationKind kind, string reference);

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
