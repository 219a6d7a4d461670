namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>The event codes and tokenization types the store acts on.</summary>
public static class AdyenEventCodes
{
    public const string Authorisation = "AUTHORISATION";
    public const string OfferClosed = "OFFER_CLOSED";
    public const string Expire = "EXPIRE";
    public const string Cancellation = "CANCELLATION";
    public const string Refund = "REFUND";
    public const string RefundFailed = "REFUND_FAILED";
    public const string CancelOrRefund = "CANCEL_OR_REFUND";
    public const string Capture = "CAPTURE";
    public const string CaptureFailed = "CAPTURE_FAILED";
    public const string Chargeback = "CHARGEBACK";
    public const string RecurringContract = "RECURRING_CONTRACT";

    public const string TokenCreated = "recurring.token.created";
    public const string TokenUpdated = "recurring.token.updated";
    public const string TokenAlreadyExisting = "recurring.token.alreadyExisting";
    public const string TokenDisabled = "recurring.token.disabled";
}
