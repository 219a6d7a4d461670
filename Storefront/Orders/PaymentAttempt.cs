using System.Security.Cryptography;
using System.Text;
using Storefront.Data;
using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>
/// One try at paying an order. Each has its own merchant reference <c>{orderNumber}-{n}</c> and its own
/// idempotency key, stored before Adyen is called so that a retry never charges twice.
/// </summary>
public sealed class PaymentAttempt : IVersioned
{
    private PaymentAttempt()
    {
    }

    internal PaymentAttempt(Order order, int number, string paymentMethodType, string submitKey, DateTime now,
        bool storePaymentMethod, string? storedPaymentMethodId)
    {
        Order = order;
        Number = number;
        Reference = $"{order.Number}-{number}";
        PaymentMethodType = paymentMethodType;
        SubmitKey = submitKey;
        IdempotencyKey = Guid.NewGuid().ToString();
        Amount = order.TotalAmount;
        Currency = order.Currency;
        StorePaymentMethod = storePaymentMethod;
        StoredPaymentMethodId = storedPaymentMethodId;
        CreatedAt = now;
        Status = AttemptStatus.Created;
    }

    public int Id { get; private set; }

    public int OrderId { get; private set; }

    public Order Order { get; private set; } = null!;

    /// <summary>1 for the first try, 2 for the next …</summary>
    public int Number { get; private set; }

    /// <summary>Adyen's merchant <c>reference</c>: <c>{orderNumber}-{n}</c>, unique.</summary>
    public string Reference { get; private set; } = "";

    public string PaymentMethodType { get; private set; } = "";

    /// <summary>The checkout form's one-time key: a double submit finds this attempt instead of making another.</summary>
    public string SubmitKey { get; private set; } = "";

    /// <summary>Sent as Adyen's <c>Idempotency-Key</c> on /payments, and reused on every retry.</summary>
    public string IdempotencyKey { get; private set; } = "";

    public long Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public Money Total => new(Amount, Currency);

    public bool StorePaymentMethod { get; private set; }

    public string? StoredPaymentMethodId { get; private set; }

    public AttemptStatus Status { get; private set; }

    public string? PspReference { get; private set; }

    /// <summary>The redirect action Adyen gave (JSON), replayed when the same checkout is submitted twice.</summary>
    public string? ActionJson { get; private set; }

    public string? RefusalReason { get; private set; }

    /// <summary>When /payments/details was claimed for this attempt: it is called at most once.</summary>
    public DateTime? DetailsRequestedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public long Version { get; set; }

    public bool IsFinal => Status is AttemptStatus.Authorised or AttemptStatus.Refused or AttemptStatus.Cancelled
        or AttemptStatus.Error or AttemptStatus.Expired;

    public bool IsActive => Status is AttemptStatus.Created or AttemptStatus.RedirectShopper or AttemptStatus.Pending;

    /// <summary>
    /// Takes Adyen's outcome; false when it changes nothing. Forward-only: a final attempt never changes again, except
    /// that Adyen's word that an attempt we expired was in fact authorised is taken (the money exists, and the order
    /// must give it back). A repeated Pending, or a step that is no outcome (Created, RedirectShopper), changes nothing.
    /// </summary>
    internal bool Record(PaymentResult result, DateTime now)
    {
        var lateSuccess = Status == AttemptStatus.Expired && result.Status == AttemptStatus.Authorised;
        if ((IsFinal && !lateSuccess) || result.Status is AttemptStatus.Created or AttemptStatus.RedirectShopper
            || (Status == AttemptStatus.Pending && result.Status == AttemptStatus.Pending))
        {
            return false;
        }
        Status = result.Status;
        PspReference = result.PspReference ?? PspReference;
        RefusalReason = result.RefusalReason;
        if (IsFinal)
            CompletedAt = now;
        return true;
    }

    public void RecordRedirect(string actionJson, DateTime now)
    {
        if (Status != AttemptStatus.Created)
            throw new OrderStateException("Attempt {0} is {1}; only a new attempt can be redirected.", Reference, Status);
        Status = AttemptStatus.RedirectShopper;
        ActionJson = actionJson;
        Order.Touch(now);
        Order.PaymentRedirected(this);
    }

    /// <summary>
    /// Adyen's <c>Idempotency-Key</c> on /payments/details for one result the shopper came back with: a replay of the same
    /// result gets Adyen's first answer, while a different result (the real one, after a forged one was refused) is a
    /// request of its own.
    /// </summary>
    public string DetailsIdempotencyKey(string result) =>
        "details-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(IdempotencyKey + "\n" + result)))[..48];

    /// <summary>
    /// Claims the call to /payments/details. False when the attempt is final, or another request (a refresh, a
    /// replayed return) claimed it less than <paramref name="claimLifetime"/> ago; the claim is a row update under
    /// optimistic concurrency. A stale claim (its caller died or timed out) may be taken again: the call then goes
    /// out with the same idempotency key, so Adyen answers it once.
    /// </summary>
    public bool TryClaimDetails(DateTime now, TimeSpan claimLifetime)
    {
        if (IsFinal || (DetailsRequestedAt is { } claimed && now - claimed < claimLifetime))
            return false;
        DetailsRequestedAt = now;
        Order.Touch(now);
        return true;
    }

    /// <summary>
    /// Gives the claim back when Adyen refused the result itself (forged, damaged, another payment's): it settled
    /// nothing, and the shopper's real return must not wait for the claim to run out.
    /// </summary>
    public void ReleaseDetailsClaim(DateTime now)
    {
        DetailsRequestedAt = null;
        Order.Touch(now);
    }
}
