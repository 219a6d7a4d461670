using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Notifications;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Operations;

/// <summary>How far the two shared queues are behind: rows waiting, and when the oldest of them came in.</summary>
public sealed record QueueStatus(int InboxDepth, DateTime? InboxOldestPendingAt, int OutboxDepth, DateTime? OutboxOldestPendingAt)
{
    public static async Task<QueueStatus> ReadAsync(StorefrontDbContext db, CancellationToken cancellationToken)
    {
        var inbox = db.WebhookMessages.Where(WebhookMessage.IsWaiting);
        var outbox = db.OutgoingEmails.Where(e => e.Status == EmailStatus.Pending);
        return new QueueStatus(
            await inbox.CountAsync(cancellationToken), await inbox.MinAsync(m => (DateTime?)m.ReceivedAt, cancellationToken),
            await outbox.CountAsync(cancellationToken), await outbox.MinAsync(e => (DateTime?)e.QueuedAt, cancellationToken));
    }

    /// <summary>How long the oldest waiting webhook has waited; zero when none waits.</summary>
    public TimeSpan InboxLag(DateTime now) => Age(InboxOldestPendingAt, now);

    public TimeSpan OutboxLag(DateTime now) => Age(OutboxOldestPendingAt, now);

    private static TimeSpan Age(DateTime? since, DateTime now) => since is { } at && at < now ? now - at : TimeSpan.Zero;
}
