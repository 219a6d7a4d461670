using System.Linq.Expressions;
using Storefront.Background;

namespace Storefront.Payments.Adyen.Webhooks;

public enum WebhookKind
{
    /// <summary>A standard notification item (AUTHORISATION, REFUND, RECURRING_CONTRACT …).</summary>
    Standard,

    /// <summary>A tokenization webhook (<c>recurring.token.*</c>).</summary>
    Tokenization,
}

public enum WebhookStatus
{
    /// <summary>Stored and acknowledged; waiting for the worker.</summary>
    Pending,

    Processed,

    /// <summary>Processing threw; retried with backoff until it becomes <see cref="Poisoned"/>.</summary>
    Failed,

    /// <summary>Failed too many times: shown to merchandisers, who can reprocess it.</summary>
    Poisoned,

    /// <summary>
    /// Names no order, attempt, modification or shopper we know: kept for review, never dropped
    /// (F20, docs/payment-failure-modes.md).
    /// </summary>
    Unmatched,
}

/// <summary>
/// The webhook inbox: every authenticated message is stored here, raw, under a unique key, before Adyen gets its
/// 2xx; a background worker applies it later. Nothing acknowledged is ever lost (F06, docs/payment-failure-modes.md).
/// </summary>
public sealed class WebhookMessage : LeasedRow
{
    private WebhookMessage()
    {
    }

    public WebhookMessage(WebhookKind kind, string eventKey, string eventCode, string? pspReference, string? originalReference,
        string? merchantReference, bool? success, bool live, string body, DateTime receivedAt)
    {
        Kind = kind;
        EventKey = eventKey;
        EventCode = eventCode;
        PspReference = pspReference;
        OriginalReference = originalReference;
        MerchantReference = merchantReference;
        Success = success;
        Live = live;
        Body = body;
        ReceivedAt = receivedAt;
        DueAt(receivedAt);
        Status = WebhookStatus.Pending;
    }

    /// <summary>A standard notification item, keyed on (pspReference, eventCode, success, originalReference).</summary>
    public static WebhookMessage Standard(NotificationRequestItem item, bool live, string rawItem, DateTime receivedAt) =>
        new(WebhookKind.Standard,
            $"{item.PspReference}:{item.EventCode}:{(item.IsSuccess ? "true" : "false")}:{item.OriginalReference}",
            item.EventCode!, item.PspReference, NullIfEmpty(item.OriginalReference), NullIfEmpty(item.MerchantReference),
            item.IsSuccess, live, rawItem, receivedAt);

    /// <summary>A tokenization webhook, keyed on (eventId, type); its whole body is kept.</summary>
    public static WebhookMessage Tokenization(TokenizationNotification notification, bool live, string rawBody, DateTime receivedAt) =>
        new(WebhookKind.Tokenization, $"token:{notification.EventId}:{notification.Type}", notification.Type!,
            pspReference: notification.EventId, originalReference: null, merchantReference: null,
            success: null, live, rawBody, receivedAt);

    /// <summary>Not applied yet: waiting for its first try, or for a retry.</summary>
    public static readonly Expression<Func<WebhookMessage, bool>> IsWaiting =
        m => m.Status == WebhookStatus.Pending || m.Status == WebhookStatus.Failed;

    public WebhookKind Kind { get; private set; }

    /// <summary>
    /// Unique: standard <c>pspReference:eventCode:success:originalReference</c>; tokenization <c>eventId:type</c>.
    /// A duplicate delivery finds it and changes nothing.
    /// </summary>
    public string EventKey { get; private set; } = "";

    /// <summary><c>eventCode</c>, or the tokenization <c>type</c>.</summary>
    public string EventCode { get; private set; } = "";

    public string? PspReference { get; private set; }

    public string? OriginalReference { get; private set; }

    public string? MerchantReference { get; private set; }

    public bool? Success { get; private set; }

    public bool Live { get; private set; }

    /// <summary>The raw JSON as received (the notification item, or the whole tokenization body).</summary>
    public string Body { get; private set; } = "";

    public DateTime ReceivedAt { get; private set; }

    /// <summary>The W3C <c>traceparent</c> of the request that stored it: the worker's span links to it.</summary>
    public string? TraceParent { get; private set; }

    public void ReceivedIn(string? traceParent) => TraceParent = traceParent;

    public WebhookStatus Status { get; set; }

    /// <summary>
    /// When its effect on the order was saved. A row can be applied but not yet Processed when a follow-up (an
    /// automatic refund sent to Adyen) failed: the retry then only repeats the follow-up.
    /// </summary>
    public DateTime? AppliedAt { get; private set; }

    public DateTime? ProcessedAt { get; private set; }

    /// <summary>The merchandiser who last sent this message back to the worker (<see cref="Reprocess"/>).</summary>
    public string? ReprocessedBy { get; private set; }

    public DateTime? ReprocessedAt { get; private set; }

    /// <summary>Failed, poisoned and unmatched messages can be sent back to the worker by a merchandiser.</summary>
    public bool CanReprocess => Status is WebhookStatus.Failed or WebhookStatus.Poisoned or WebhookStatus.Unmatched;

    /// <summary>
    /// Sends the message back to the worker: pending, due now, with a fresh count of attempts (the cause may have been
    /// fixed, or the order it names may exist now). The last error stays until the worker's next try replaces it.
    /// </summary>
    public void Reprocess(string reprocessedBy, DateTime now)
    {
        if (!CanReprocess)
            throw new InvalidOperationException($"Webhook message {Id} is {Status}: only failed, poisoned or unmatched messages can be reprocessed.");
        Status = WebhookStatus.Pending;
        DueAt(now, freshTries: true);
        ReleaseLease();
        ReprocessedBy = reprocessedBy;
        ReprocessedAt = now;
    }

    public void MarkApplied(DateTime now) => AppliedAt ??= now;

    /// <summary>Done: <see cref="WebhookStatus.Processed"/>, or <see cref="WebhookStatus.Unmatched"/> with the reason.</summary>
    public void Complete(WebhookStatus status, DateTime now, string? reason = null)
    {
        if (status is not (WebhookStatus.Processed or WebhookStatus.Unmatched))
            throw new ArgumentOutOfRangeException(nameof(status), status, "A row completes as Processed or Unmatched.");
        Status = status;
        ProcessedAt = now;
        RecordError(reason);
        ReleaseLease();
    }

    /// <summary>The try failed: retried after <paramref name="retryDelay"/>, or Poisoned once it has had <paramref name="maxAttempts"/> tries.</summary>
    public void Fail(string error, DateTime now, TimeSpan retryDelay, int maxAttempts) =>
        Status = RecordFailure(error, now, retryDelay, maxAttempts) ? WebhookStatus.Poisoned : WebhookStatus.Failed;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
