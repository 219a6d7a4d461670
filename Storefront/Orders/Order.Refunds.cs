using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>
/// The order's refunds and reversals: asked for by a merchandiser or by the shop itself, sent to Adyen by the caller,
/// and settled by Adyen's webhooks (F11, F21, docs/payment-failure-modes.md). A cancellation of an unpaid order needs
/// no money back and happens at once.
/// </summary>
public sealed partial class Order
{
    /// <summary>What can still be given back: the payment less every refund not rejected by Adyen.</summary>
    public long RefundableAmount => Payment is { } payment
        ? payment.Amount - _modifications.Where(m => m.Holds && m.IsAgainst(payment)).Sum(m => m.Amount)
        : 0;

    /// <summary><see cref="RefundableAmount"/> in the order's currency.</summary>
    public Money Refundable => new(RefundableAmount, Currency);

    /// <summary>Whether <see cref="RequestRefund"/> would take some amount: the order is paid and not all given back.</summary>
    public bool CanRefund => Status is OrderStatus.Paid or OrderStatus.Fulfilled && RefundableAmount > 0;

    /// <summary>
    /// Whether <see cref="Cancel"/> would be taken: unpaid (at once), or paid with something left to give back and no
    /// cancellation already under way. A fulfilled order has shipped: it is refunded, not cancelled.
    /// </summary>
    public bool CanCancel => Status is OrderStatus.AwaitingPayment or OrderStatus.PaymentFailed
        || (Status == OrderStatus.Paid && RefundableAmount > 0 && !HasReversal);

    /// <summary>Automatic refunds saved but not yet accepted by Adyen (no pspReference): to send, or to send again.</summary>
    public IEnumerable<PaymentModification> AutomaticRefundsToSubmit =>
        _modifications.Where(m => m.IsAutomatic && m.Status == ModificationStatus.Requested && m.PspReference is null);

    private bool HasReversal => _modifications.Any(m => m.Kind == ModificationKind.Reversal && m.Holds);

    /// <summary>
    /// Asks for part of the payment back. Refused beyond the refundable remainder, so a double click cannot
    /// refund twice; the caller sends it to Adyen under the modification's reference. <paramref name="submitKey"/> is
    /// the merchandiser's form's one-time key: the caller looks it up first, so a second submit finds this refund.
    /// </summary>
    public PaymentModification RequestRefund(long amount, string reason, string requestedBy, DateTime now, string? submitKey = null)
    {
        var from = CurrentState;
        if (Status is not (OrderStatus.Paid or OrderStatus.Fulfilled) || Payment is not { } payment)
            throw new OrderStateException("Order {0} is {1}: only a paid order can be refunded.", Number, Status);
        if (amount <= 0)
            throw new OrderStateException("A refund must be more than zero.");
        if (amount > RefundableAmount)
            throw new OrderStateException("At most {0} of order {1} can still be refunded.", Refundable, Number);
        if (string.IsNullOrWhiteSpace(reason))
            throw new OrderStateException("Give a reason for the refund.");
        var modification = AddModification(payment, ModificationKind.Refund, amount, reason, requestedBy, now, submitKey);
        AddMerchandiserEvent(now, OrderEventKinds.RefundRequested,
            $"Refund {modification.Reference} of {modification.Total} requested ({modification.Reason}).", requestedBy, from);
        return modification;
    }

    /// <summary>
    /// Cancels the order. Unpaid: at once, its stock released by the caller (<see cref="TakeStockRelease"/>) and any
    /// payment still at KakaoPay given up (a late success is refunded); returns null. Paid: a reversal of everything
    /// not yet refunded, returned for the caller to send; the order is cancelled when Adyen confirms.
    /// </summary>
    public PaymentModification? Cancel(string reason, string requestedBy, DateTime now, string? submitKey = null)
    {
        var from = CurrentState;
        if (string.IsNullOrWhiteSpace(reason))
            throw new OrderStateException("Give a reason for the cancellation.");
        if (Status is OrderStatus.AwaitingPayment or OrderStatus.PaymentFailed)
        {
            if (CurrentAttempt is { IsActive: true } running)
                ApplyPaymentResult(running, new PaymentResult(AttemptStatus.Expired, RefusalReason: "order cancelled"), now, OrderEventSource.Merchandiser);
            Status = OrderStatus.Cancelled;
            Touch(now);
            AddMerchandiserEvent(now, OrderEventKinds.OrderCancelled, $"Order cancelled before payment ({reason.Trim()}).", requestedBy, from);
            return null;
        }
        if (Status != OrderStatus.Paid || Payment is not { } payment)
            throw new OrderStateException("Order {0} is {1}: it cannot be cancelled.", Number, Status);
        if (HasReversal)
            throw new OrderStateException("Order {0} already has a cancellation in progress.", Number);
        if (RefundableAmount <= 0)
            throw new OrderStateException("Order {0} has nothing left to give back.", Number);
        var modification = AddModification(payment, ModificationKind.Reversal, RefundableAmount, reason, requestedBy, now, submitKey);
        AddMerchandiserEvent(now, OrderEventKinds.CancellationRequested,
            $"Cancellation {modification.Reference} requested: {modification.Total} to be given back ({modification.Reason}).", requestedBy, from);
        return modification;
    }

    /// <summary>
    /// Adyen's word on a modification (REFUND, REFUND_FAILED, CANCEL_OR_REFUND, CANCELLATION …), matched by our
    /// reference or its pspReference. Forward-only: a settled modification does not change again.
    /// </summary>
    public ModificationChange ApplyModificationResult(PaymentModification modification, bool success, string? pspReference,
        string? reason, DateTime now, OrderEventSource source, string? payload = null)
    {
        EnsureOwn(modification);
        if (!modification.Complete(success, pspReference, reason, now))
            return ModificationChange.None;
        Touch(now);
        AddEvent(now, source, success ? OrderEventKinds.Confirmed(modification.Kind) : OrderEventKinds.Failed(modification.Kind),
            success
                ? $"{modification.Kind} {modification.Reference} of {modification.Total} confirmed by Adyen."
                : $"{modification.Kind} {modification.Reference} of {modification.Total} failed: {reason}.",
            payload: payload);
        if (!success)
        {
            Flag($"{modification.Kind} {modification.Reference} failed ({reason}); {modification.Total} is refundable again.", now, source);
            return ModificationChange.Failed;
        }
        UpdateRefundStatus();
        if (modification.Kind == ModificationKind.Reversal)
        {
            Status = OrderStatus.Cancelled;
            AddEvent(now, OrderEventSource.System, OrderEventKinds.OrderCancelled, "Order cancelled: the payment was given back.");
            return ModificationChange.Cancelled;
        }
        return ModificationChange.Confirmed;
    }

    /// <summary>
    /// Adyen refused the modification request itself (a 4xx): nothing was sent to the bank, so the amount is
    /// refundable again at once. A merchandiser who sent it sees it as it happens; one sent with nobody watching (an
    /// automatic refund, a resend in the background) is <paramref name="flag"/>ged so that someone finds out.
    /// </summary>
    public bool RejectModification(PaymentModification modification, string message, DateTime now, bool flag = false)
    {
        EnsureOwn(modification);
        if (!modification.Complete(false, null, message, now))
            return false;
        Touch(now);
        var what = $"{modification.Kind.ToString().ToLowerInvariant()} {modification.Reference} of {modification.Total}";
        AddEvent(now, OrderEventSource.System, OrderEventKinds.Rejected(modification.Kind), $"Adyen refused {what}: {message}", modification.RequestedBy);
        if (flag)
            Flag($"Adyen refused {what}; it is refundable again.", now, OrderEventSource.System);
        return true;
    }

    /// <summary>
    /// A refund Adyen reports that this shop did not ask for (made in the Customer Area): recorded, never lost
    /// (F11, docs/payment-failure-modes.md).
    /// <paramref name="payment"/> is the attempt Adyen names, when it is not the one that paid the order.
    /// </summary>
    public PaymentModification RecordExternalRefund(long amount, string pspReference, bool success, string? reason, DateTime now,
        string? payload = null, PaymentAttempt? payment = null)
    {
        payment ??= Payment ?? throw new OrderStateException("Order {0} has no payment to refund.", Number);
        if (!_attempts.Contains(payment) || payment.Status != AttemptStatus.Authorised)
            throw new OrderStateException("Attempt {0} of order {1} holds no money to refund.", payment.Reference, Number);
        var modification = PaymentModification.External(this, payment, ModificationKind.Refund,
            NextModificationReference, amount, pspReference, success, reason, now);
        _modifications.Add(modification);
        Touch(now);
        AddEvent(now, OrderEventSource.Webhook, success ? OrderEventKinds.RefundConfirmed : OrderEventKinds.RefundFailed,
            $"Refund of {modification.Total} made outside the shop {(success ? "confirmed" : "failed")}.", payload: payload);
        if (success)
            UpdateRefundStatus();
        return modification;
    }

    /// <summary>
    /// Adyen's REFUND_FAILED: the refund did not happen, even one already confirmed (a scheme can reject it days
    /// later). The modification ends Failed, its amount refundable again, and the order is flagged.
    /// </summary>
    public ModificationChange ApplyModificationFailure(PaymentModification modification, string? pspReference, string? reason,
        DateTime now, OrderEventSource source, string? payload = null)
    {
        if (modification.Status == ModificationStatus.Requested)
            return ApplyModificationResult(modification, false, pspReference, reason, now, source, payload);
        EnsureOwn(modification);
        if (!modification.Reopen(reason, now))
            return ModificationChange.None;
        Touch(now);
        AddEvent(now, source, OrderEventKinds.Failed(modification.Kind),
            $"{modification.Kind} {modification.Reference} of {modification.Total}, confirmed before, failed: {reason}.", payload: payload);
        Flag($"{modification.Kind} {modification.Reference} failed after it was confirmed ({reason}); {modification.Total} is refundable again.", now, source);
        UpdateRefundStatus();
        return ModificationChange.Failed;
    }

    /// <summary>
    /// Gives back a payment the order cannot keep (authorised after the order expired or was cancelled, or a second
    /// payment of a paid order), whatever the order's status. Made once per attempt: asking again returns the same
    /// refund, so a retried webhook never refunds twice. The caller sends it to Adyen under its reference.
    /// </summary>
    public PaymentModification RequestAutomaticRefund(PaymentAttempt attempt, DateTime now)
    {
        if (!_attempts.Contains(attempt))
            throw new ArgumentException($"Attempt {attempt.Reference} does not belong to order {Number}.", nameof(attempt));
        if (attempt.Status != AttemptStatus.Authorised || (Status is OrderStatus.Paid or OrderStatus.Fulfilled && attempt == Payment))
            throw new OrderStateException("Attempt {0} is not a payment order {1} must give back.", attempt.Reference, Number);
        if (_modifications.FirstOrDefault(m => m.IsAutomatic && m.IsAgainst(attempt)) is { } existing)
            return existing;
        var modification = AddModification(attempt, ModificationKind.Refund, attempt.Amount,
            $"Automatic refund: {attempt.Reference} was authorised while the order was {Status.InLog()}", PaymentModification.SystemActor, now, submitKey: null);
        AddEvent(now, OrderEventSource.System, OrderEventKinds.RefundRequested,
            $"Refund {modification.Reference} of {modification.Total} requested automatically: attempt {attempt.Reference} cannot be kept.",
            PaymentModification.SystemActor);
        return modification;
    }

    private string NextModificationReference => $"{Number}-R{_modifications.Count + 1}";

    private void EnsureOwn(PaymentModification modification)
    {
        if (!_modifications.Contains(modification))
            throw new ArgumentException($"Modification {modification.Reference} does not belong to order {Number}.", nameof(modification));
    }

    private PaymentModification AddModification(PaymentAttempt payment, ModificationKind kind, long amount, string reason, string requestedBy,
        DateTime now, string? submitKey)
    {
        var modification = new PaymentModification(this, payment, kind, NextModificationReference, amount, reason.Trim(), requestedBy, now, submitKey);
        _modifications.Add(modification);
        Touch(now);
        return modification;
    }

    private void UpdateRefundStatus()
    {
        if (Payment is not { } payment)
            return;
        var given = _modifications.Where(m => m.Status == ModificationStatus.Confirmed && m.IsAgainst(payment)).Sum(m => m.Amount);
        PaymentStatus = given == 0 ? PaymentStatus.Authorised
            : given >= payment.Amount ? PaymentStatus.Refunded
            : PaymentStatus.PartiallyRefunded;
    }
}

/// <summary>What <see cref="Order.ApplyModificationResult"/> did.</summary>
public enum ModificationChange
{
    /// <summary>Nothing: the modification was already settled (a duplicate webhook).</summary>
    None,

    Confirmed,

    /// <summary>Rejected by Adyen: flagged for the merchandiser, the amount refundable again.</summary>
    Failed,

    /// <summary>A reversal confirmed: the order is cancelled; release its stock.</summary>
    Cancelled,
}
