using Storefront.Shared;

namespace Storefront.Orders;

public enum ModificationKind
{
    /// <summary>Part or all of a captured payment given back (<c>/payments/{psp}/refunds</c>).</summary>
    Refund,

    /// <summary>Cancel if not captured, else refund in full (<c>/payments/{psp}/reversals</c>): KakaoPay captures at once.</summary>
    Reversal,
}

public enum ModificationStatus
{
    /// <summary>
    /// Sent to Adyen, which answered "received": not done until its webhook says so
    /// (F21, docs/payment-failure-modes.md).
    /// </summary>
    Requested,

    Confirmed,

    /// <summary>Adyen's webhook rejected it (e.g. REFUND_FAILED): the amount is refundable again.</summary>
    Failed,
}

/// <summary>
/// A refund or reversal of an order's payment. Its <see cref="Reference"/> is unique, goes to Adyen as the
/// modification's reference and is the idempotency key, so a double click or a retry makes one refund
/// (F11, F19, docs/payment-failure-modes.md).
/// </summary>
public sealed class PaymentModification
{
    /// <summary><see cref="RequestedBy"/> of a refund the shop asked for by itself (a payment it could not keep).</summary>
    public const string SystemActor = "system";

    private PaymentModification()
    {
    }

    internal PaymentModification(Order order, PaymentAttempt payment, ModificationKind kind, string reference, long amount,
        string reason, string? requestedBy, DateTime now, string? submitKey = null)
    {
        Order = order;
        SubmitKey = submitKey;
        Payment = payment;
        Kind = kind;
        Reference = reference;
        Amount = amount;
        Currency = order.Currency;
        Reason = reason;
        RequestedBy = requestedBy;
        RequestedAt = now;
        Status = ModificationStatus.Requested;
    }

    public int Id { get; private set; }

    public int OrderId { get; private set; }

    public Order Order { get; private set; } = null!;

    public int PaymentId { get; private set; }

    /// <summary>The authorised attempt this modification gives money back from.</summary>
    public PaymentAttempt Payment { get; private set; } = null!;

    public ModificationKind Kind { get; private set; }

    /// <summary>Our reference, e.g. <c>SF-7KQ2M9XD-R1</c>; also the Idempotency-Key.</summary>
    public string Reference { get; private set; } = "";

    public long Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public Money Total => new(Amount, Currency);

    public string Reason { get; private set; } = "";

    public ModificationStatus Status { get; private set; }

    /// <summary>Adyen's pspReference for this modification (from the 201, or the webhook for one made elsewhere).</summary>
    public string? PspReference { get; private set; }

    /// <summary>The merchandiser who asked for it; null when Adyen told us about one made in its Customer Area.</summary>
    public string? RequestedBy { get; private set; }

    public DateTime RequestedAt { get; private set; }

    /// <summary>The one-time key of the merchandiser's form that asked for it: a second submit finds this one (unique).</summary>
    public string? SubmitKey { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>Until when a resend sweeper holds it (<see cref="ModificationResender"/>); null if none ever did.</summary>
    public DateTime? ResendLeaseExpiresAt { get; private set; }

    public string IdempotencyKey => Reference;

    /// <summary>Counts against the refundable amount unless Adyen rejected it.</summary>
    public bool Holds => Status != ModificationStatus.Failed;

    /// <summary>Asked for by the shop itself, not by a merchandiser: an automatic refund of a payment it could not keep.</summary>
    public bool IsAutomatic => RequestedBy == SystemActor;

    /// <summary>Saved as requested but never received by Adyen (no pspReference): safe to send again under the same key.</summary>
    public bool CanSendAgain => Status == ModificationStatus.Requested && PspReference is null;

    public void RecordSubmitted(string pspReference) => PspReference ??= pspReference;

    /// <summary>Gives money back from <paramref name="attempt"/> (saved or not yet saved).</summary>
    internal bool IsAgainst(PaymentAttempt attempt) =>
        ReferenceEquals(Payment, attempt) || (PaymentId != 0 && PaymentId == attempt.Id);

    /// <summary>A confirmed modification that Adyen later reports failed (REFUND_FAILED after REFUND).</summary>
    internal bool Reopen(string? reason, DateTime now)
    {
        if (Status != ModificationStatus.Confirmed)
            return false;
        Status = ModificationStatus.Failed;
        FailureReason = reason;
        CompletedAt = now;
        return true;
    }

    internal bool Complete(bool success, string? pspReference, string? reason, DateTime now)
    {
        if (Status != ModificationStatus.Requested)
            return false;
        Status = success ? ModificationStatus.Confirmed : ModificationStatus.Failed;
        PspReference ??= pspReference;
        FailureReason = success ? null : reason;
        CompletedAt = now;
        return true;
    }

    internal static PaymentModification External(Order order, PaymentAttempt payment, ModificationKind kind, string reference,
        long amount, string pspReference, bool success, string? reason, DateTime now)
    {
        var modification = new PaymentModification(order, payment, kind, reference, amount, "Made outside the shop (Adyen Customer Area)", null, now);
        modification.Complete(success, pspReference, reason, now);
        return modification;
    }
}
