using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Background;
using Storefront.Data;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// The inbox table: rows go in from the receivers (each under its unique key, several requests' rows in one commit
/// through <see cref="WebhookInboxWriter"/>) and are claimed by the workers of every node under leases written with
/// optimistic concurrency.
/// </summary>
public sealed partial class WebhookInbox(
    StorefrontDbContext db,
    WebhookInboxWriter writer,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    WebhookTelemetry telemetry,
    ILogger<WebhookInbox> logger)
{
    /// <summary>
    /// Stores each message unless its key is already there and returns how many were new, once they are committed:
    /// the caller may acknowledge them then. The messages of the requests arriving meanwhile are committed together
    /// (<see cref="WebhookInboxWriter"/>).
    /// </summary>
    public Task<int> StoreAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        // The writer commits on its own thread: the receiving request's trace is taken here, while it is current.
        var traceParent = WebhookTelemetry.CurrentTraceParent();
        foreach (var message in messages)
            message.ReceivedIn(traceParent);
        return writer.StoreAsync(messages, cancellationToken);
    }

    /// <summary>
    /// Stores the messages of several requests in one unit of work (one look-up of their keys, one commit) and returns
    /// how many of each request's were new. A duplicate is normal (Adyen sends again whatever it did not see accepted),
    /// so it is looked up first and skipped quietly; copies of one key within the batch are stored once. When another
    /// node stores one of the keys between the look-up and the commit, the unique index turns the whole commit away and
    /// the save throws: the caller then stores each request on its own (<see cref="StoreEachAsync"/>).
    /// </summary>
    internal async Task<int[]> StoreTogetherAsync(IReadOnlyList<IReadOnlyList<WebhookMessage>> requests, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var keys = requests.SelectMany(messages => messages).Select(m => m.EventKey).Distinct().ToList();
        var taken = (await db.WebhookMessages.Where(m => keys.Contains(m.EventKey)).Select(m => m.EventKey)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var stored = new int[requests.Count];
        var (added, duplicates) = (new List<WebhookMessage>(), new List<WebhookMessage>());
        for (var i = 0; i < requests.Count; i++)
        {
            foreach (var message in requests[i])
            {
                if (taken.Add(message.EventKey))
                {
                    db.WebhookMessages.Add(message);
                    stored[i]++;
                    added.Add(message);
                }
                else
                {
                    duplicates.Add(message);
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var message in added)
            telemetry.Stored(message.EventCode);
        foreach (var duplicate in duplicates)
        {
            telemetry.Duplicate(duplicate.EventCode);
            LogDuplicate(logger, duplicate.EventCode, duplicate.PspReference);
        }
        return stored;
    }

    /// <summary>
    /// Stores each message in a unit of work of its own and returns how many were new. Two copies arriving at once
    /// (on two nodes) both pass the look-up, and the unique index turns the second insert away: its unit of work runs
    /// again and finds the row it collided with, which is the one we keep.
    /// </summary>
    internal async Task<int> StoreEachAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        var stored = 0;
        foreach (var message in messages)
        {
            var isNew = await db.UnitOfWorkAsync(async () =>
            {
                if (await db.WebhookMessages.AnyAsync(m => m.EventKey == message.EventKey, cancellationToken))
                    return false;
                db.WebhookMessages.Add(message);
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }, RetryOn.ConflictOrDuplicate);
            if (isNew)
            {
                stored++;
                telemetry.Stored(message.EventCode);
            }
            else
            {
                telemetry.Duplicate(message.EventCode);
                LogDuplicate(logger, message.EventCode, message.PspReference);
            }
        }
        return stored;
    }

    /// <summary>Claims due rows (Pending, or Failed and due for a retry) for <paramref name="owner"/>'s worker.</summary>
    public Task<IReadOnlyList<long>> ClaimDueAsync(string owner, CancellationToken cancellationToken) =>
        db.ClaimDueAsync(WebhookMessage.IsWaiting,
            owner, time.GetUtcNow().UtcDateTime, options.Value, logger, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate {EventCode} webhook for {PspReference}: already in the inbox")]
    private static partial void LogDuplicate(ILogger logger, string eventCode, string? pspReference);
}
