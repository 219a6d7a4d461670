using Storefront.Data;

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

    /// <summary>Names no order, attempt, modification or shopper we know: kept for review, never dropped (F20).</summary>
    Unmatched,
}

/// <summary>
/// The webhook inbox: every authenticated message is stored here, raw, under a unique key, before Adyen gets its
/// 2xx; a background worker applies it later. Nothing acknowledged is ever lost (F06).
/// </summary>
public sealed class WebhookMessage : IVersioned
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
        NextAttemptAt = receivedAt;
        Status = WebhookStatus.Pending;
    }

    public long Id { get; private set; }

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

    public WebhookStatus Status { get; set; }

    /// <summary>How many times the worker tried it.</summary>
    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>The worker instance holding it, until <see cref="LeaseExpiresAt"/>: several nodes share one inbox.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public string? LastError { get; set; }

    public DateTime? ProcessedAt { get; set; }

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
        Attempts = 0;
        NextAttemptAt = now;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        ReprocessedBy = reprocessedBy;
        ReprocessedAt = now;
    }

    public long Version { get; set; }
}
