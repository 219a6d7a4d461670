using Storefront.Background;

namespace Storefront.Notifications;

public enum EmailKind
{
    OrderConfirmed,

    /// <summary>KakaoPay answered Pending: the shopper is told we are waiting for the payment.</summary>
    AwaitingPayment,

    OrderShipped,

    RefundIssued,

    /// <summary>A guest asked for a fresh link to the order (/orders/link).</summary>
    OrderLink,

    /// <summary>Identity's own mail: password reset, e-mail confirmation.</summary>
    Account,
}

public enum EmailStatus
{
    /// <summary>Queued, or failed and waiting for its next try.</summary>
    Pending,

    Sent,

    /// <summary>Failed as many times as <c>Email:MaxAttempts</c> allows: shown to merchandisers, never retried by itself.</summary>
    Failed,
}

/// <summary>
/// The e-mail outbox: one row per message, queued in the same transaction as the change that causes it and sent
/// later by <see cref="EmailDispatcher"/>. The bodies are rendered when queued, so what was sent stays on record.
/// <see cref="DeduplicationKey"/> is unique: one (order, template) is never queued twice
/// (F13, docs/payment-failure-modes.md).
/// </summary>
public sealed class OutgoingEmail : LeasedRow
{
    private OutgoingEmail()
    {
    }

    public OutgoingEmail(EmailKind kind, string deduplicationKey, string recipient, string subject, string textBody, string htmlBody,
        int? orderId, DateTime queuedAt)
    {
        Kind = kind;
        DeduplicationKey = deduplicationKey;
        Recipient = recipient;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        OrderId = orderId;
        QueuedAt = queuedAt;
        DueAt(queuedAt);
        Status = EmailStatus.Pending;
    }

    public EmailKind Kind { get; private set; }

    /// <summary>E.g. <c>order:42:confirmed</c>; unique.</summary>
    public string DeduplicationKey { get; private set; } = "";

    public int? OrderId { get; private set; }

    public string Recipient { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string TextBody { get; private set; } = "";

    public string HtmlBody { get; private set; } = "";

    public DateTime QueuedAt { get; private set; }

    public EmailStatus Status { get; private set; }

    public DateTime? SentAt { get; private set; }

    public void MarkSent(DateTime now)
    {
        Status = EmailStatus.Sent;
        SentAt = now;
        RecordError(null);
        ReleaseLease();
    }

    /// <summary>The try failed: tried again after <paramref name="retryDelay"/>, or Failed once it has had <paramref name="maxAttempts"/> tries.</summary>
    /// <remarks><paramref name="error"/> has the addresses taken out already (see <see cref="EmailOutbox"/>).</remarks>
    public void Fail(string error, DateTime now, TimeSpan retryDelay, int maxAttempts) =>
        Status = RecordFailure(error, now, retryDelay, maxAttempts) ? EmailStatus.Failed : EmailStatus.Pending;

    /// <summary>
    /// A merchandiser sends a Failed e-mail again (the relay is fixed, the address corrected at the relay …): it is due
    /// at once, with a fresh set of tries. Only a Failed e-mail: a pending one is still being tried, a sent one was sent.
    /// </summary>
    public bool SendAgain(DateTime now)
    {
        if (Status != EmailStatus.Failed)
            return false;
        Status = EmailStatus.Pending;
        DueAt(now, freshTries: true);
        return true;
    }
}
