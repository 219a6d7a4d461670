using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>The order's payments: attempts, their outcomes, and expiry of an order left unpaid.</summary>
public sealed partial class Order
{
    /// <summary>The attempt that paid the order, if any.</summary>
    public PaymentAttempt? Payment => Status is OrderStatus.Paid or OrderStatus.Fulfilled or OrderStatus.Cancelled
        ? _attempts.Where(a => a.Status == AttemptStatus.Authorised).MinBy(a => a.CompletedAt)
        : null;

    /// <summary>The latest attempt: the only one whose failure moves the order.</summary>
    public PaymentAttempt? CurrentAttempt => _attempts.MaxBy(a => a.Number);

    /// <summary>Starts a new payment attempt. Refused while another attempt is still running or the order is settled.</summary>
    public PaymentAttempt StartAttempt(string paymentMethodType, string submitKey, DateTime now,
        bool storePaymentMethod = false, string? storedPaymentMethodId = null)
    {
        if (Status != OrderStatus.AwaitingPayment)
            throw new OrderStateException("Order {0} is {1}: it cannot take a payment.", Number, Status);
        if (_attempts.Any(a => a.IsActive))
            throw new OrderStateException("Order {0} already has a payment in progress.", Number);
        var attempt = new PaymentAttempt(this, _attempts.Count + 1, paymentMethodType, submitKey, now,
            storePaymentMethod, storedPaymentMethodId);
        _attempts.Add(attempt);
        PaymentMethod = paymentMethodType;
        Touch(now);
        AddEvent(now, OrderEventSource.Shopper, OrderEventKinds.PaymentStarted, $"Payment attempt {attempt.Reference} started with {paymentMethodType}.");
        return attempt;
    }

    /// <summary>
    /// Reopens a failed order for another try with a fresh deadline. The caller reserves the stock again in
    /// the same unit of work.
    /// </summary>
    public void ReopenForPayment(DateTime now, TimeSpan paymentWindow)
    {
        if (Status != OrderStatus.PaymentFailed)
            throw new OrderStateException("Order {0} is {1}; only a failed payment can be tried again.", Number, Status);
        Status = OrderStatus.AwaitingPayment;
        HoldsStock = true;
        PaymentDeadline = now + paymentWindow;
        Touch(now);
        AddEvent(now, OrderEventSource.Shopper, OrderEventKinds.PaymentRetry, "Order reopened for another payment attempt.");
    }

    /// <summary>
    /// The one place a payment outcome changes an order, whichever path brought it (return page or webhook).
    /// Forward-only (<see cref="PaymentAttempt.Record"/>): Adyen's word that an attempt we expired was in fact
    /// authorised is recorded (the money exists) and flagged for a refund.
    /// </summary>
    public PaymentChange ApplyPaymentResult(PaymentAttempt attempt, PaymentResult result, DateTime now,
        OrderEventSource source, string? payload = null)
    {
        if (!_attempts.Contains(attempt))
            throw new ArgumentException($"Attempt {attempt.Reference} does not belong to order {Number}.", nameof(attempt));
        if (!attempt.Record(result, now))
            return PaymentChange.None;
        Touch(now);
        AddEvent(now, source, OrderEventKinds.Payment(result.Status), $"Attempt {attempt.Reference}: {Describe(result)}.", payload: payload);

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
        AddEvent(now, OrderEventSource.System, OrderEventKinds.OrderExpired, "Order expired unpaid.");
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
            AddEvent(now, OrderEventSource.System, OrderEventKinds.OrderPaid, $"Order paid: {attempt.Total}.");
            return PaymentChange.Paid;
        }
        // The money exists but the order cannot take it: paid twice, or paid after it expired or was cancelled.
        Flag($"Attempt {attempt.Reference} was authorised while the order was {Status.InLog()}: refund it.", now, OrderEventSource.System);
        return PaymentChange.NeedsRefund;
    }

    private PaymentChange Fail(AttemptStatus status, DateTime now)
    {
        var expired = status == AttemptStatus.Expired;
        Status = expired ? OrderStatus.Expired : OrderStatus.PaymentFailed;
        PaymentStatus = expired ? PaymentStatus.Expired : PaymentStatus.Failed;
        AddEvent(now, OrderEventSource.System, expired ? OrderEventKinds.OrderExpired : OrderEventKinds.OrderPaymentFailed, $"Order is now {Status.InLog()}.");
        return PaymentChange.Failed;
    }

    private PaymentChange SetPaymentStatus(PaymentStatus status)
    {
        PaymentStatus = status;
        return PaymentChange.Recorded;
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

/// <summary>An outcome from Adyen in our terms.</summary>
public sealed record PaymentResult(AttemptStatus Status, string? PspReference = null, Money? Amount = null, string? RefusalReason = null);
