using Storefront.Data;

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
/// <see cref="DeduplicationKey"/> is unique: one (order, template) is never queued twice (F13).
/// </summary>
public sealed class OutgoingEmail : IVersioned
{
    public const int MaxErrorLength = 2000;

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
        NextAttemptAt = queuedAt;
        Status = EmailStatus.Pending;
    }

    public long Id { get; private set; }

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

    /// <summary>How many times a sender has tried it.</summary>
    public int Attempts { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    /// <summary>The sender holding it, until <see cref="LeaseExpiresAt"/>: several nodes share one outbox.</summary>
    public string? LeaseOwner { get; private set; }

    public DateTime? LeaseExpiresAt { get; private set; }

    public DateTime? SentAt { get; private set; }

    /// <summary>Why the last try failed, with the addresses taken out. Never holds a secret.</summary>
    public string? LastError { get; private set; }

    public long Version { get; set; }

    public bool IsLeasedBy(string owner) => LeaseOwner == owner;

    /// <summary>Takes the row for one try; saved under optimistic concurrency, so only one sender wins it.</summary>
    public void Claim(string owner, DateTime now, TimeSpan leaseDuration)
    {
        if (Status != EmailStatus.Pending)
            throw new InvalidOperationException($"E-mail {Id} is {Status}: only a pending e-mail can be sent.");
        LeaseOwner = owner;
        LeaseExpiresAt = now + leaseDuration;
        Attempts++;
    }

    public void MarkSent(DateTime now)
    {
        Status = EmailStatus.Sent;
        SentAt = now;
        LastError = null;
        ReleaseLease();
    }

    /// <summary>The try failed: tried again after <paramref name="retryDelay"/>, or Failed once it has had <paramref name="maxAttempts"/> tries.</summary>
    public void Fail(string error, DateTime now, TimeSpan retryDelay, int maxAttempts)
    {
        Status = Attempts >= maxAttempts ? EmailStatus.Failed : EmailStatus.Pending;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        NextAttemptAt = now + retryDelay;
        ReleaseLease();
    }

    /// <summary>
    /// A merchandiser sends a Failed e-mail again (the relay is fixed, the address corrected at the relay …): it is due
    /// at once, with a fresh set of tries. Only a Failed e-mail: a pending one is still being tried, a sent one was sent.
    /// </summary>
    public bool SendAgain(DateTime now)
    {
        if (Status != EmailStatus.Failed)
            return false;
        Status = EmailStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        return true;
    }

    private void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }
}
