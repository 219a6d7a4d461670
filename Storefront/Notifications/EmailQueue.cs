using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront.Notifications;

/// <summary>
/// Queues e-mails on the caller's <see cref="StorefrontDbContext"/>, to be saved in the same SaveChanges as the change
/// that causes them: never sent for a change that did not commit, never lost for one that did. Each has a deduplication
/// key, unique in the outbox, so one message is queued once. What an e-mail says belongs to the feature that sends it
/// (an order's e-mails to Orders, Identity's to <see cref="OutboxIdentityEmailSender"/>); this is only the way out.
/// </summary>
public sealed class EmailQueue
{
    private readonly StorefrontDbContext _db;
    private readonly TimeProvider _time;
    private bool _queued;

    public EmailQueue(StorefrontDbContext db, EmailSignal signal, TimeProvider time)
    {
        _db = db;
        _time = time;
        // Wake this node's sender once the e-mail is committed, rather than at its next poll.
        _db.SavedChanges += (_, _) =>
        {
            if (_queued)
                signal.Notify();
            _queued = false;
        };
    }

    /// <summary>Queues <paramref name="email"/> under <paramref name="deduplicationKey"/>, e.g. <c>order:42:confirmed</c>.</summary>
    /// <param name="orderId">The order it is about, listed with the order for the merchandiser; null for none.</param>
    public void Queue(EmailKind kind, string deduplicationKey, string recipient, RenderedEmail email, int? orderId)
    {
        _db.OutgoingEmails.Add(new OutgoingEmail(kind, deduplicationKey, recipient, email.Subject, email.TextBody, email.HtmlBody, orderId,
            _time.GetUtcNow().UtcDateTime));
        _queued = true;
    }

    /// <summary>
    /// Whether an e-mail with this key was ever saved: for one that goes once although its cause can come again. The
    /// unique key stays the backstop for two causes saved at the same moment.
    /// </summary>
    public Task<bool> WasQueuedAsync(string deduplicationKey, CancellationToken cancellationToken) =>
        _db.OutgoingEmails.AnyAsync(e => e.DeduplicationKey == deduplicationKey, cancellationToken);


    /// <summary>An e-mail about no order (Identity's): it gets a key of its own.</summary>
    public void Account(string recipient, RenderedEmail email) =>
        Queue(EmailKind.Account, $"account:{Guid.NewGuid():N}", recipient, email, orderId: null);

    /// <summary>An e-mail made due again (a merchandiser's "Send again"): wake this node's sender once it is saved.</summary>
    public void WakeSenderAfterSave() => _queued = true;
}
