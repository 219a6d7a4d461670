using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// The inbox table: rows go in from the receivers (each under its unique key) and are claimed by the workers of
/// every node under leases written with optimistic concurrency.
/// </summary>
public sealed partial class WebhookInbox(
    StorefrontDbContext db,
    WebhookSignal signal,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookInbox> logger)
{
    /// <summary>
    /// Stores each message unless its key is already there; returns how many were new. A duplicate is normal (Adyen
    /// sends again whatever it did not see accepted), so it is looked up first and skipped quietly; two copies
    /// arriving at once both pass that look-up, and the unique index turns the second insert away: the row it
    /// collided with is the one we keep.
    /// </summary>
    public async Task<int> StoreAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        var stored = 0;
        foreach (var message in messages)
        {
            if (await db.WebhookMessages.AnyAsync(m => m.EventKey == message.EventKey, cancellationToken))
            {
                LogDuplicate(logger, message.EventCode, message.PspReference);
                continue;
            }
            db.WebhookMessages.Add(message);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                stored++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await db.WebhookMessages.AnyAsync(m => m.EventKey == message.EventKey, cancellationToken))
                    throw;
                LogDuplicate(logger, message.EventCode, message.PspReference);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        if (stored > 0)
            signal.Notify();
        return stored;
    }

    /// <summary>
    /// Claims up to a batch of due rows for <paramref name="owner"/>: Pending or Failed, due, and not leased to a
    /// live worker. Each claim is an update under optimistic concurrency; a row another node claimed first is skipped.
    /// </summary>
    public async Task<IReadOnlyList<long>> ClaimDueAsync(string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        db.ChangeTracker.Clear();
        var due = await db.WebhookMessages
            .Where(m => (m.Status == WebhookStatus.Pending || m.Status == WebhookStatus.Failed)
                && m.NextAttemptAt <= now
                && (m.LeaseExpiresAt == null || m.LeaseExpiresAt <= now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var claimed = new List<long>();
        foreach (var message in due)
        {
            message.Claim(owner, now, settings.LeaseDuration);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                claimed.Add(message.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node claimed (or a merchandiser changed) it since we read it.
                db.Entry(message).State = EntityState.Detached;
            }
            catch (Exception ex) when (claimed.Count > 0)
            {
                // Hand over what is already ours rather than leave it leased and untouched until the lease runs out.
                LogClaimStopped(logger, ex, claimed.Count);
                break;
            }
        }
        db.ChangeTracker.Clear();
        return claimed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming webhook rows stopped after {Claimed}; those are processed now, the rest at the next round")]
    private static partial void LogClaimStopped(ILogger logger, Exception exception, int claimed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate {EventCode} webhook for {PspReference}: already in the inbox")]
    private static partial void LogDuplicate(ILogger logger, string eventCode, string? pspReference);
}
