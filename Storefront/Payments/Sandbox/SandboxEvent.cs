using Storefront.Shared;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// Something Adyen would tell the store by webhook, recorded when it happens in the sandbox. Nothing delivers
/// these yet: a dispatcher reads <see cref="AdyenSandbox.Events"/> and posts them to the store's webhook URLs.
/// </summary>
/// <param name="EventCode">One of <see cref="SandboxEventCodes"/>.</param>
/// <param name="PspReference">The payment's, the modification's, or (for token events) the token's reference.</param>
/// <param name="OriginalReference">For modifications and tokens: the payment's pspReference.</param>
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
    DateTimeOffset EventDate);

public static class SandboxEventCodes
{
    public const string Authorisation = "AUTHORISATION";
    public const string RecurringContract = "RECURRING_CONTRACT";
    public const string Refund = "REFUND";
    public const string Cancellation = "CANCELLATION";
    public const string CancelOrRefund = "CANCEL_OR_REFUND";

    /// <summary>Tokenization webhook types (sent to the tokens endpoint, not as standard notifications).</summary>
    public const string TokenCreated = "recurring.token.created";
    public const string TokenDisabled = "recurring.token.disabled";
}
