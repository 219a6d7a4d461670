using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Storefront.Background;

/// <summary>The claim every leased table shares (the webhook inbox, the e-mail outbox): what <see cref="LeasedQueueWorker"/> works off.</summary>
public static partial class LeasedQueue
{
    /// <summary>
    /// Claims up to <see cref="LeasedQueueOptions.BatchSize"/> rows for <paramref name="owner"/>: <paramref name="waiting"/>
    /// (the table's own statuses), due, and not leased to a live worker, oldest first. Each claim is an update under
    /// optimistic concurrency; a row another node claimed first is skipped. A claim that failed leaves nothing changed on
    /// <paramref name="db"/>: its row is detached.
    /// </summary>
    public static async Task<IReadOnlyList<long>> ClaimDueAsync<TRow>(this DbContext db, Expression<Func<TRow, bool>> waiting,
        string owner, DateTime now, LeasedQueueOptions settings, ILogger logger, CancellationToken cancellationToken)
        where TRow : LeasedRow
    {
        var due = await db.Set<TRow>()
            .Where(waiting)
            .Where(row => row.NextAttemptAt <= now && (row.LeaseExpiresAt == null || row.LeaseExpiresAt <= now))
            .OrderBy(row => row.NextAttemptAt).ThenBy(row => row.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var claimed = new List<long>();
        foreach (var row in due)
        {
            row.Claim(owner, now, settings.LeaseDuration);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                claimed.Add(row.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node claimed it (or a merchandiser changed it) since we read it.
                db.Entry(row).State = EntityState.Detached;
            }
            catch (Exception ex) when (claimed.Count > 0)
            {
                // Hand over what is already ours rather than leave it leased and untouched until the lease runs out.
                db.Entry(row).State = EntityState.Detached;
                LogClaimStopped(logger, ex, typeof(TRow).Name, claimed.Count);
                break;
            }
        }
        return claimed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming {Table} rows stopped after {Claimed}; those are handled now, the rest at the next round")]
    private static partial void LogClaimStopped(ILogger logger, Exception exception, string table, int claimed);
}
