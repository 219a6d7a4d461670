using Storefront.Data;
using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>
/// A cart frozen at checkout. Its state machine only moves forward; every move lands on the timeline.
/// Payment results from the return page and from webhooks both go through <see cref="ApplyPaymentResult"/>.
/// </summary>
public sealed class Order : IVersioned
{
    /// <summary>The width of <see cref="ReviewReason"/>'s column.</summary>
    public const int MaxReviewReasonLength = 2000;

    /// <summary>Starts <see cref="ReviewReason"/> when the oldest reasons no longer fit in it.</summary>
    public const string EarlierReasonsOmitted = "(Earlier reasons are on the timeline.) ";

    private readonly List<OrderLine> _lines = [];
    private readonly List<PaymentAttempt> _attempts = [];
    private readonly List<OrderEvent> _events = [];
    private readonly List<PaymentModification> _modifications = [];

    private Order()
    {
    }

    public int Id { get; private set; }

    /// <summary>What the shopper and the merchandiser see, e.g. <c>SF-7KQ2M9XD</c>.</summary>
    public string Number { get; private set; } = "";

    /// <summary>The Identity user's id; null for a guest.</summary>
    public string? ShopperId { get; private set; }

    public ContactDetails Contact { get; private set; } = null!;

    /// <summary>The contact's e-mail for the merchandiser's search (<see cref="OrderSearchKeys.Text"/>).</summary>
    public string SearchEmail { get; private set; } = "";

    /// <summary>The contact's name for the merchandiser's search (<see cref="OrderSearchKeys.Text"/>).</summary>
    public string SearchName { get; private set; } = "";

    /// <summary>The contact's phone digits, reversed, for the merchandiser's search (<see cref="OrderSearchKeys.Phone"/>).</summary>
    public string SearchPhone { get; private set; } = "";

    public ShippingAddress ShippingAddress { get; private set; } = null!;

    /// <summary>The market the order was placed in (KR, US …); it fixed the currency.</summary>
    public string Country { get; private set; } = "";

    public string Currency { get; private set; } = "";

    /// <summary>Sum of the lines, minor units, tax included.</summary>
    public long TotalAmount { get; private set; }

    public Money Total => new(TotalAmount, Currency);

    public OrderStatus Status { get; private set; }

    public PaymentStatus PaymentStatus { get; private set; }

    /// <summary>The latest attempt's payment method (<c>kakaopay</c> …); null before the first attempt. Kept on the order to filter on.</summary>
    public string? PaymentMethod { get; private set; }

    /// <summary>True while the order holds (or has sold) its products' stock; released exactly once.</summary>
    public bool HoldsStock { get; private set; }

    /// <summary>Set when something needs a merchandiser's eyes (an amount mismatch, a payment after expiry …).</summary>
    public string? ReviewReason { get; private set; }

    /// <summary>When <see cref="ReviewReason"/> was first set; null while nothing needs review. Indexed for the dashboard.</summary>
    public DateTime? FlaggedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Unpaid past this moment, the order expires and releases its stock.</summary>
    public DateTime PaymentDeadline { get; private set; }

    public DateTime? PaidAt { get; private set; }

    public DateTime? FulfilledAt { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public long Version { get; set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public IReadOnlyList<PaymentAttempt> Attempts => _attempts;

    public IReadOnlyList<OrderEvent> Events => _events;

    public IReadOnlyList<PaymentModification> Modifications => _modifications;

    /// <summary>The attempt that paid the order, if any.</summary>
    public PaymentAttempt? Payment => Status is OrderStatus.Paid or OrderStatus.Fulfilled or OrderStatus.Cancelled
        ? _attempts.Where(a => a.Status == AttemptStatus.Authorised).MinBy(a => a.CompletedAt)
        : null;

    /// <summary>What can still be given back: the payment less every refund not rejected by Adyen.</summary>
    public long RefundableAmount => Payment is { } payment
        ? payment.Amount - _modifications.Where(m => m.Holds && m.IsAgainst(payment)).Sum(m => m.Amount)
        : 0;

    /// <summary>The latest attempt: the only one whose failure moves the order.</summary>
    public PaymentAttempt? CurrentAttempt => _attempts.MaxBy(a => a.Number);

    /// <summary>
    /// Freezes a priced cart into an order. The caller has already reserved the lines' stock in the same
    /// unit of work, so the new order holds it.
    /// </summary>
    public static Order Place(string number, string? shopperId, ContactDetails contact, ShippingAddress address,
        Market market, IEnumerable<OrderLine> lines, DateTime now, TimeSpan paymentWindow)
    {
        var order = new Order
        {
            Number = number,
            ShopperId = shopperId,
            Contact = contact,
            SearchEmail = OrderSearchKeys.Text(contact.Email),
            SearchName = OrderSearchKeys.Text(contact.Name),
            SearchPhone = OrderSearchKeys.Phone(contact.Phone),
            ShippingAddress = address,
            Country = market.Country,
            Currency = market.Currency,
            Status = OrderStatus.AwaitingPayment,
            PaymentStatus = PaymentStatus.NotStarted,
            HoldsStock = true,
            CreatedAt = now,
            UpdatedAt = now,
            PaymentDeadline = now + paymentWindow,
        };
        order._lines.AddRange(lines);
        if (order._lines.Count == 0)
            throw new OrderStateException("An order needs at least one line.");
        order.TotalAmount = order._lines.Sum(l => l.LineTotal);
        order.AddEvent(now, OrderEventSource.Shopper, "OrderPlaced", $"Order placed: {order.Total} for {order._lines.Sum(l => l.Quantity)} item(s).");
        return order;
    }

    /// <summary>Starts a new payment attempt. Refused while another attempt is still running or the order is settled.</summary>
    public PaymentAttempt StartAttempt(string paymentMethodType, string submitKey, DateTime now,
        bool storePaymentMethod = false, string? storedPaymentMethodId = null)
    {
        if (Status != OrderStatus.AwaitingPayment)
            throw new OrderStateException($"Order {Number} is {Status}: it cannot take a payment.");
        if (_attempts.Any(a => a.IsActive))
            throw new OrderStateException($"Order {Number} already has a payment in progress.");
        var attempt = new PaymentAttempt(this, _attempts.Count + 1, paymentMethodType, submitKey, now,
            storePaymentMethod, storedPaymentMethodId);
        _attempts.Add(attempt);
        PaymentMethod = paymentMethodType;
        Touch(now);
        AddEvent(now, OrderEventSource.Shopper, "PaymentStarted", $"Payment attempt {attempt.Reference} started with {paymentMethodType}.");
        return attempt;
    }

    /// <summary>
    /// Reopens a failed order for another try with a fresh deadline. The caller reserves the stock again in
    /// the same unit of work.
    /// </summary>
    public void ReopenForPayment(DateTime now, TimeSpan paymentWindow)
    {
        if (Status != OrderStatus.PaymentFailed)
            throw new OrderStateException($"Order {Number} is {Status}; only a failed payment can be tried again.");
        Status = OrderStatus.AwaitingPayment;
        HoldsStock = true;
        PaymentDeadline = now + paymentWindow;
        Touch(now);
        AddEvent(now, OrderEventSource.Shopper, "PaymentRetry", "Order reopened for another payment attempt.");
    }

    /// <summary>
    /// The one place a payment outcome changes an order, whichever path brought it (return page or webhook).
    /// Forward-only: a final attempt never changes again, except that Adyen's word that an attempt we expired
    /// was in fact authorised is recorded (the money exists) and flagged for a refund.
    /// </summary>
    public PaymentChange ApplyPaymentResult(PaymentAttempt attempt, PaymentResult result, DateTime now,
        OrderEventSource source, string? payload = null)
    {
        if (!_attempts.Contains(attempt))
            throw new ArgumentException($"Attempt {attempt.Reference} does not belong to order {Number}.", nameof(attempt));

        var lateSuccess = attempt.Status == AttemptStatus.Expired && result.Status == AttemptStatus.Authorised;
        if ((attempt.IsFinal && !lateSuccess) || result.Status is AttemptStatus.Created or AttemptStatus.RedirectShopper
            || (attempt.Status == AttemptStatus.Pending && result.Status == AttemptStatus.Pending))
        {
            return PaymentChange.None;
        }

        attempt.Status = result.Status;
        attempt.PspReference = result.PspReference ?? attempt.PspReference;
        attempt.RefusalReason = result.RefusalReason;
        if (attempt.IsFinal)
            attempt.CompletedAt = now;
        Touch(now);
        AddEvent(now, source, "Payment" + result.Status,
            $"Attempt {attempt.Reference}: {Describe(result)}.", payload: payload);

        var isCurrent = attempt == CurrentAttempt;
        return result.Status switch
        {
            AttemptStatus.Authorised => Authorise(attempt, result, now, isCurrent),
            AttemptStatus.Pending when isCurrent && Status == OrderStatus.AwaitingPayment => SetPaymentStatus(PaymentStatus.Confirming),
            AttemptStatus.Refused or AttemptStatus.Cancelled or AttemptStatus.Error or AttemptStatus.Expired
                when isCurrent && Status == OrderStatus.AwaitingPayment => Fail(result.Status, now),
            _ => PaymentChange.Recorded,
        };
    }

    /// <summary>
    /// Asks for part of the payment back. Refused beyond the refundable remainder, so a double click cannot
    /// refund twice; the caller sends it to Adyen under the modification's reference. <paramref name="submitKey"/> is
    /// the merchandiser's form's one-time key: the caller looks it up first, so a second submit finds this refund.
    /// </summary>
    public PaymentModification RequestRefund(long amount, string reason, string requestedBy, DateTime now, string? submitKey = null)
    {
        var from = CurrentState;
        if (Status is not (OrderStatus.Paid or OrderStatus.Fulfilled) || Payment is not { } payment)
            throw new OrderStateException($"Order {Number} is {Status}: only a paid order can be refunded.");
        if (amount <= 0)
            throw new OrderStateException("A refund must be more than zero.");
        if (amount > RefundableAmount)
            throw new OrderStateException($"At most {new Money(RefundableAmount, Currency)} of order {Number} can still be refunded.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new OrderStateException("Give a reason for the refund.");
        var modification = AddModification(payment, ModificationKind.Refund, amount, reason, requestedBy, now, submitKey);
        AddMerchandiserEvent(now, "RefundRequested",
            $"Refund {modification.Reference} of {modification.Total} requested ({modification.Reason}).", requestedBy, from);
        return modification;
    }

    /// <summary>
    /// Cancels the order. Unpaid: at once, its stock released by the caller (<see cref="TakeStockRelease"/>) and any
    /// payment still at KakaoPay given up (a late success is refunded); returns null. Paid: a reversal of
    /// everything not yet refunded, returned for the caller to send; the order is cancelled when Adyen confirms.
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
            AddMerchandiserEvent(now, "OrderCancelled", $"Order cancelled before payment ({reason.Trim()}).", requestedBy, from);
            return null;
        }
        if (Status != OrderStatus.Paid || Payment is not { } payment)
            throw new OrderStateException($"Order {Number} is {Status}: it cannot be cancelled.");
        if (_modifications.Any(m => m.Kind == ModificationKind.Reversal && m.Holds))
            throw new OrderStateException($"Order {Number} already has a cancellation in progress.");
        if (RefundableAmount <= 0)
            throw new OrderStateException($"Order {Number} has nothing left to give back.");
        var modification = AddModification(payment, ModificationKind.Reversal, RefundableAmount, reason, requestedBy, now, submitKey);
        AddMerchandiserEvent(now, "CancellationRequested",
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
        if (!_modifications.Contains(modification))
            throw new ArgumentException($"Modification {modification.Reference} does not belong to order {Number}.", nameof(modification));
        if (!modification.Complete(success, pspReference, reason, now))
            return ModificationChange.None;
        Touch(now);
        AddEvent(now, source, success ? $"{modification.Kind}Confirmed" : $"{modification.Kind}Failed",
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
            AddEvent(now, OrderEventSource.System, "OrderCancelled", "Order cancelled: the payment was given back.");
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
        if (!_modifications.Contains(modification))
            throw new ArgumentException($"Modification {modification.Reference} does not belong to order {Number}.", nameof(modification));
        if (!modification.Complete(false, null, message, now))
            return false;
        Touch(now);
        AddEvent(now, OrderEventSource.System, $"{modification.Kind}Rejected",
            $"Adyen refused {modification.Kind.ToString().ToLowerInvariant()} {modification.Reference} of {modification.Total}: {message}",
            modification.RequestedBy);
        if (flag)
            Flag($"Adyen refused {modification.Kind.ToString().ToLowerInvariant()} {modification.Reference} of {modification.Total}; it is refundable again.",
                now, OrderEventSource.System);
        return true;
    }

    /// <summary>
    /// A refund Adyen reports that this shop did not ask for (made in the Customer Area): recorded, never lost (F11).
    /// <paramref name="payment"/> is the attempt Adyen names, when it is not the one that paid the order.
    /// </summary>
    public PaymentModification RecordExternalRefund(long amount, string pspReference, bool success, string? reason, DateTime now,
        string? payload = null, PaymentAttempt? payment = null)
    {
        payment ??= Payment ?? throw new OrderStateException($"Order {Number} has no payment to refund.");
        if (!_attempts.Contains(payment) || payment.Status != AttemptStatus.Authorised)
            throw new OrderStateException($"Attempt {payment.Reference} of order {Number} holds no money to refund.");
        var modification = PaymentModification.External(this, payment, ModificationKind.Refund,
            $"{Number}-R{_modifications.Count + 1}", amount, pspReference, success, reason, now);
        _modifications.Add(modification);
        Touch(now);
        AddEvent(now, OrderEventSource.Webhook, success ? "RefundConfirmed" : "RefundFailed",
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
        if (!_modifications.Contains(modification))
            throw new ArgumentException($"Modification {modification.Reference} does not belong to order {Number}.", nameof(modification));
        if (!modification.Reopen(reason, now))
            return ModificationChange.None;
        Touch(now);
        AddEvent(now, source, $"{modification.Kind}Failed",
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
            throw new OrderStateException($"Attempt {attempt.Reference} is not a payment order {Number} must give back.");
        if (_modifications.FirstOrDefault(m => m.IsAutomatic && m.IsAgainst(attempt)) is { } existing)
            return existing;
        var modification = AddModification(attempt, ModificationKind.Refund, attempt.Amount,
            $"Automatic refund: {attempt.Reference} was authorised while the order was {Status}", PaymentModification.SystemActor, now, submitKey: null);
        AddEvent(now, OrderEventSource.System, "RefundRequested",
            $"Refund {modification.Reference} of {modification.Total} requested automatically: attempt {attempt.Reference} cannot be kept.",
            PaymentModification.SystemActor);
        return modification;
    }

    /// <summary>Automatic refunds saved but not yet accepted by Adyen (no pspReference): to send, or to send again.</summary>
    public IEnumerable<PaymentModification> AutomaticRefundsToSubmit =>
        _modifications.Where(m => m.IsAutomatic && m.Status == ModificationStatus.Requested && m.PspReference is null);

    /// <summary>A webhook that changed nothing (a replay, news of an attempt already final): kept on the timeline with its payload.</summary>
    public void RecordWebhook(string eventCode, string summary, string payload, DateTime now)
    {
        Touch(now);
        AddEvent(now, OrderEventSource.Webhook, eventCode, summary, payload: payload);
    }

    public void MarkFulfilled(string carrier, string trackingNumber, string fulfilledBy, DateTime now)
    {
        var from = CurrentState;
        if (Status != OrderStatus.Paid)
            throw new OrderStateException($"Order {Number} is {Status}: only a paid order can be fulfilled.");
        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
            throw new OrderStateException("Give the carrier and the tracking number.");
        Status = OrderStatus.Fulfilled;
        Carrier = carrier.Trim();
        TrackingNumber = trackingNumber.Trim();
        FulfilledAt = now;
        Touch(now);
        AddMerchandiserEvent(now, "OrderFulfilled", $"Shipped with {Carrier}, tracking {TrackingNumber}.", fulfilledBy, from);
    }

    public void AddNote(string text, string author, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new OrderStateException("A note needs some text.");
        Touch(now);
        AddMerchandiserEvent(now, "Note", text.Trim(), author, CurrentState);
    }

    /// <summary>A merchandiser sent one of the order's e-mails again after it had failed: on the timeline, who and when.</summary>
    public void RecordEmailSentAgain(string emailKind, string actor, DateTime now)
    {
        Touch(now);
        AddMerchandiserEvent(now, "EmailSentAgain", $"The {emailKind} e-mail, which had failed, was queued to be sent again.", actor, CurrentState);
    }

    /// <summary>A merchandiser has dealt with what <see cref="ReviewReason"/> says: the order leaves the attention list.</summary>
    public void ClearReview(string resolution, string reviewedBy, DateTime now)
    {
        if (ReviewReason is null)
            throw new OrderStateException($"Order {Number} is not flagged for review.");
        if (string.IsNullOrWhiteSpace(resolution))
            throw new OrderStateException("Say what was done about it.");
        var from = CurrentState;
        var reason = ReviewReason;
        ReviewReason = null;
        FlaggedAt = null;
        Touch(now);
        var summary = $"Review cleared ({resolution.Trim()}); it said: {reason}";
        AddMerchandiserEvent(now, "ReviewCleared", summary.Length <= OrderEvent.SummaryMaxLength ? summary : summary[..OrderEvent.SummaryMaxLength], reviewedBy, from);
    }

    /// <summary>
    /// Past its payment deadline and still unpaid: the order expires (its running attempt given up, so a late
    /// success is flagged and refunded). The caller then releases the stock through <see cref="TakeStockRelease"/>.
    /// </summary>
    public bool Expire(DateTime now)
    {
        if (Status != OrderStatus.AwaitingPayment || now < PaymentDeadline)
            return false;
        if (CurrentAttempt is { IsActive: true } running)
            return ApplyPaymentResult(running, new PaymentResult(AttemptStatus.Expired, RefusalReason: "payment window closed"), now, OrderEventSource.System) == PaymentChange.Failed;
        Status = OrderStatus.Expired;
        PaymentStatus = PaymentStatus.Expired;
        Touch(now);
        AddEvent(now, OrderEventSource.System, "OrderExpired", "Order expired unpaid.");
        return true;
    }

    /// <summary>Gives the stock back exactly once: true only for the caller that must add it back to the products.</summary>
    public bool TakeStockRelease()
    {
        if (!HoldsStock || Status is OrderStatus.Paid or OrderStatus.Fulfilled)
            return false;
        HoldsStock = false;
        return true;
    }

    /// <summary>
    /// Adds <paramref name="reason"/> to what needs review. Every reason is on the timeline; <see cref="ReviewReason"/>
    /// keeps the newest ones that fit its column, saying that earlier ones were left out.
    /// </summary>
    public void Flag(string reason, DateTime now, OrderEventSource source)
    {
        ReviewReason = FitReviewReason(ReviewReason is null ? reason : $"{ReviewReason}; {reason}");
        FlaggedAt ??= now;
        Touch(now);
        AddEvent(now, source, "Flagged", reason);
    }

    private static string FitReviewReason(string reasons)
    {
        if (reasons.Length <= MaxReviewReasonLength)
            return reasons;
        var newest = reasons[^(MaxReviewReasonLength - EarlierReasonsOmitted.Length)..];
        // Start at a whole reason when there is one to start at, not halfway through the oldest kept.
        var boundary = newest.IndexOf("; ", StringComparison.Ordinal);
        return EarlierReasonsOmitted + (boundary >= 0 ? newest[(boundary + 2)..] : newest);
    }

    public void AddEvent(DateTime at, OrderEventSource source, string kind, string summary, string? actor = null, string? payload = null) =>
        _events.Add(new OrderEvent(at, source, kind, summary, actor, payload));

    private (OrderStatus Status, PaymentStatus PaymentStatus) CurrentState => (Status, PaymentStatus);

    /// <summary>A merchandiser's action, with the state the order was in when they took it (the audit trail).</summary>
    private void AddMerchandiserEvent(DateTime at, string kind, string summary, string actor,
        (OrderStatus Status, PaymentStatus PaymentStatus) from) =>
        _events.Add(new OrderEvent(at, OrderEventSource.Merchandiser, kind, summary, actor, fromStatus: from.Status, fromPaymentStatus: from.PaymentStatus));

    internal void Touch(DateTime now) => UpdatedAt = now;

    internal void PaymentRedirected(PaymentAttempt attempt)
    {
        if (attempt == CurrentAttempt && Status == OrderStatus.AwaitingPayment)
            PaymentStatus = PaymentStatus.AwaitingShopper;
    }

    private PaymentChange Authorise(PaymentAttempt attempt, PaymentResult result, DateTime now, bool isCurrent)
    {
        if (result.Amount is { } paid && paid != attempt.Total)
        {
            Flag($"Attempt {attempt.Reference} was authorised for {paid}, but the order expects {attempt.Total}.", now, OrderEventSource.System);
            return PaymentChange.NeedsReview;
        }
        if (Status == OrderStatus.AwaitingPayment && isCurrent)
        {
            Status = OrderStatus.Paid;
            PaymentStatus = PaymentStatus.Authorised;
            PaidAt = now;
            AddEvent(now, OrderEventSource.System, "OrderPaid", $"Order paid: {attempt.Total}.");
            return PaymentChange.Paid;
        }
        // The money exists but the order cannot take it: paid twice, or paid after it expired or was cancelled.
        Flag($"Attempt {attempt.Reference} was authorised while the order was {Status}: refund it.", now, OrderEventSource.System);
        return PaymentChange.NeedsRefund;
    }

    private PaymentChange Fail(AttemptStatus status, DateTime now)
    {
        Status = status == AttemptStatus.Expired ? OrderStatus.Expired : OrderStatus.PaymentFailed;
        PaymentStatus = status == AttemptStatus.Expired ? PaymentStatus.Expired : PaymentStatus.Failed;
        AddEvent(now, OrderEventSource.System, "Order" + Status, $"Order is now {Status}.");
        return PaymentChange.Failed;
    }

    private PaymentChange SetPaymentStatus(PaymentStatus status)
    {
        PaymentStatus = status;
        return PaymentChange.Recorded;
    }

    private PaymentModification AddModification(PaymentAttempt payment, ModificationKind kind, long amount, string reason, string requestedBy,
        DateTime now, string? submitKey)
    {
        var modification = new PaymentModification(this, payment, kind, $"{Number}-R{_modifications.Count + 1}", amount, reason.Trim(), requestedBy, now, submitKey);
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

    private static string Describe(PaymentResult result) => result.Status switch
    {
        AttemptStatus.Authorised => $"authorised{(result.Amount is { } a ? $" for {a}" : "")}",
        AttemptStatus.Refused => $"refused{(result.RefusalReason is { Length: > 0 } r ? $" ({r})" : "")}",
        AttemptStatus.Pending => "pending confirmation",
        _ => result.Status.ToString().ToLowerInvariant(),
    };
}

/// <summary>What <see cref="Order.ApplyPaymentResult"/> did, so the caller knows what else to do.</summary>
public enum PaymentChange
{
    /// <summary>Nothing: a duplicate, a replay or a result for an attempt already final.</summary>
    None,

    /// <summary>Recorded on the attempt and the timeline; the order did not move.</summary>
    Recorded,

    Paid,

    /// <summary>The order's payment failed or expired: release its stock.</summary>
    Failed,

    /// <summary>Authorised for the wrong amount: flagged, not paid.</summary>
    NeedsReview,

    /// <summary>Authorised but the order cannot take it: flagged, and the payment must be refunded.</summary>
    NeedsRefund,
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

/// <summary>An outcome from Adyen in our terms.</summary>
public sealed record PaymentResult(AttemptStatus Status, string? PspReference = null, Money? Amount = null, string? RefusalReason = null);
