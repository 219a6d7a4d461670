using Microsoft.EntityFrameworkCore;

namespace Storefront.Data;

/// <summary>When a unit of work whose save failed is run again.</summary>
public enum RetryOn
{
    /// <summary>A failed save goes straight to the caller.</summary>
    Never,

    /// <summary>A row it read changed before its save (its <see cref="IVersioned.Version"/> moved): read again, decide again.</summary>
    Conflict,

    /// <summary>That, or an insert turned away by a unique index (a double submit, another node storing the same key).</summary>
    ConflictOrDuplicate,
}

/// <summary>
/// The one way a service runs a unit of work on the scope's <see cref="StorefrontDbContext"/>, which the services of a
/// request or a background round share. The unit starts from an empty change tracker: what an earlier unit left
/// tracked and unsaved is dropped (with its <see cref="StorefrontDbContext.OnSaved"/> actions), so a unit never saves
/// another's half-made changes. It reads, decides and saves
/// itself; when that save loses an optimistic-concurrency race it runs again from a fresh read, at most
/// <see cref="MaxTries"/> times, and the last failure goes to the caller.
/// </summary>
public static class UnitOfWork
{
    /// <summary>
    /// Tries of one unit before a conflict is let through. A race on one order has a handful of parties (the return
    /// page, the webhook worker, the expiry, a merchandiser), each of which wins once it has read the latest row; a
    /// unit that still loses after eight fresh reads has a cause worth reporting rather than retrying.
    /// </summary>
    public const int MaxTries = 8;

    public static async Task<T> UnitOfWorkAsync<T>(this StorefrontDbContext db, Func<Task<T>> work, RetryOn retry = RetryOn.Conflict)
    {
        for (var tryNumber = 1; ; tryNumber++)
        {
            db.ForgetUnsaved();
            try
            {
                return await work();
            }
            catch (DbUpdateException ex) when (tryNumber < MaxTries && IsRetried(ex, retry))
            {
                // Someone else changed what this unit read: the next turn reads it again.
            }
        }
    }

    public static Task UnitOfWorkAsync(this StorefrontDbContext db, Func<Task> work, RetryOn retry = RetryOn.Conflict) =>
        db.UnitOfWorkAsync(async () =>
        {
            await work();
            return true;
        }, retry);

    private static bool IsRetried(DbUpdateException exception, RetryOn retry) => retry switch
    {
        RetryOn.Conflict => exception is DbUpdateConcurrencyException,
        RetryOn.ConflictOrDuplicate => true,
        _ => false,
    };
}
