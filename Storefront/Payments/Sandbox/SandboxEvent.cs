using Storefront.Shared;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// Something Adyen would tell the store by webhook, recorded when it happens in the sandbox.
/// <see cref="SandboxWebhookDelivery"/> reads <see cref="AdyenSandbox.Events"/> and posts each one to the store.
/// </summary>
/// <param name="EventCode">One of <see cref="SandboxEventCodes"/>.</param>
/// <param name="PspReference">The payment's, the modification's, or (for token events) the token's reference.</param>
/// <param name="OriginalReference">For modifications and tokens: the payment's pspReference.</param>
/// <param name="MerchantReference">The payment's reference; for a modification, the modification's own reference.</param>
/// <param name="ModificationAction">For CANCEL_OR_REFUND: what Adyen did, <c>cancel</c> or <c>refund</c>.</param>
/// <param name="EventId">For tokenization webhooks: the pspReference of the event that triggered it.</param>
public sealed record SandboxEvent(
    string EventCode,
    bool Success,
    string PspReference,
    string? OriginalReference,
    string MerchantAccount,
    string? MerchantReference,
    Money? Amount,
    string? PaymentMethod,
    string? ShopperReference,
    string? Reason,
    DateTimeOffset EventDate,
    string? ModificationAction = null,
    string? EventId = null)
{
    /// <summary>Sent to the tokenization webhook URL with a header signature, not as a standard notification.</summary>
    public bool IsTokenization => EventCode.StartsWith("recurring.token.", StringComparison.Ordinal);

    /// <summary>The outcome of a refund, reversal or cancellation.</summary>
    public bool IsModificationOutcome => EventCode is SandboxEventCodes.Refund or SandboxEventCodes.RefundFailed
        or SandboxEventCodes.Cancellation or SandboxEventCodes.CancelOrRefund;
}

public static class SandboxEventCodes
{
    public const string Authorisation = "AUTHORISATION";
    public const string OfferClosed = "OFFER_CLOSED";
    public const string RecurringContract = "RECURRING_CONTRACT";
    public const string Refund = "REFUND";
    public const string RefundFailed = "REFUND_FAILED";
    public const string Cancellation = "CANCELLATION";
    public const string CancelOrRefund = "CANCEL_OR_REFUND";

    /// <summary>Tokenization webhook types (sent to the tokens endpoint, not as standard notifications).</summary>
    public const string TokenCreated = "recurring.token.created";
    public const string TokenDisabled = "recurring.token.disabled";
}

/// <summary>One attempt to deliver an event as a webhook, as the sandbox made it.</summary>
/// <param name="Attempt">1 for the first try, then 2, 3 … for the retries.</param>
/// <param name="Url">Where it was posted, without any user info.</param>
/// <param name="StatusCode">The store's answer, or null when there was none (refused, timed out).</param>
/// <param name="Failure">Why it was not accepted: the status, a timeout or a network error; null when accepted.</param>
/// <param name="GaveUp">True on the last attempt of an event that was never accepted: no more retries follow.</param>
public sealed record SandboxDelivery(
    SandboxEvent Event,
    int Attempt,
    Uri? Url,
    int? StatusCode,
    string? Failure,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    bool GaveUp = false)
{
    /// <summary>Adyen accepts any 2xx answered within the timeout.</summary>
    public bool Accepted => Failure is null;
}
