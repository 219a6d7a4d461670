namespace Storefront.Orders;

/// <summary>
/// The kinds of timeline entry the shop writes itself; an entry a webhook writes as it is (a replay, a capture) is
/// named by Adyen's event code instead, e.g. <c>AUTHORISATION</c>. Stored as text in <see cref="OrderEvent.Kind"/>, so a
/// name never changes once it is on a timeline.
/// </summary>
public static class OrderEventKinds
{
    public const string OrderPlaced = "OrderPlaced";
    public const string Reordered = "Reordered";
    public const string AgreementsGiven = "AgreementsGiven";
    public const string PaymentStarted = "PaymentStarted";
    public const string PaymentRetry = "PaymentRetry";

    public const string PaymentPending = "PaymentPending";
    public const string PaymentAuthorised = "PaymentAuthorised";
    public const string PaymentRefused = "PaymentRefused";
    public const string PaymentCancelled = "PaymentCancelled";
    public const string PaymentError = "PaymentError";
    public const string PaymentExpired = "PaymentExpired";

    public const string OrderPaid = "OrderPaid";
    public const string OrderPaymentFailed = "OrderPaymentFailed";
    public const string OrderExpired = "OrderExpired";
    public const string OrderCancelled = "OrderCancelled";
    public const string OrderFulfilled = "OrderFulfilled";

    public const string RefundRequested = "RefundRequested";
    public const string RefundConfirmed = "RefundConfirmed";
    public const string RefundFailed = "RefundFailed";
    public const string RefundRejected = "RefundRejected";
    public const string CancellationRequested = "CancellationRequested";
    public const string ReversalConfirmed = "ReversalConfirmed";
    public const string ReversalFailed = "ReversalFailed";
    public const string ReversalRejected = "ReversalRejected";

    public const string Flagged = "Flagged";
    public const string ReviewCleared = "ReviewCleared";
    public const string Note = "Note";
    public const string EmailSentAgain = "EmailSentAgain";

    /// <summary>An attempt's outcome, e.g. <see cref="PaymentAuthorised"/>.</summary>
    public static string Payment(AttemptStatus status) => status switch
    {
        AttemptStatus.Pending => PaymentPending,
        AttemptStatus.Authorised => PaymentAuthorised,
        AttemptStatus.Refused => PaymentRefused,
        AttemptStatus.Cancelled => PaymentCancelled,
        AttemptStatus.Error => PaymentError,
        AttemptStatus.Expired => PaymentExpired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an outcome of an attempt."),
    };

    /// <summary>Adyen confirmed a refund or reversal.</summary>
    public static string Confirmed(ModificationKind kind) => kind == ModificationKind.Refund ? RefundConfirmed : ReversalConfirmed;

    /// <summary>A refund or reversal failed after Adyen received it.</summary>
    public static string Failed(ModificationKind kind) => kind == ModificationKind.Refund ? RefundFailed : ReversalFailed;

    /// <summary>Adyen refused the request for a refund or reversal outright.</summary>
    public static string Rejected(ModificationKind kind) => kind == ModificationKind.Refund ? RefundRejected : ReversalRejected;
}
