using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Background;

namespace Storefront.Orders;

/// <summary>
/// Sends again every refund and cancellation still requested and never received by Adyen (no pspReference) once it
/// is older than <c>Orders:ModificationResendAfter</c>: Adyen was unreachable when it was saved, the process died
/// between the save and the send, or it is an automatic refund whose webhook never came
/// (F14, F19, docs/payment-failure-modes.md). Same reference, same idempotency key, so Adyen makes one refund however
/// often it is sent.
/// </summary>
/// <remarks>
/// Several nodes sweep one database: each modification is leased with one conditional UPDATE (it succeeds for one
/// node only) for <c>ModificationResendAfter</c>, which also spaces the tries while Adyen stays unreachable. A
/// merchandiser's "Send again" or the webhook worker may still send it at the same moment; that is harmless, Adyen
/// answers the same idempotency key with the same response (or "in progress", which leaves it requested).
/// </remarks>
public sealed partial class ModificationResender(
    StorefrontDbContext db,
    ModificationSender sender,
    TimeProvider time,
    IOptions<OrderOptions> options,
    ILogger<ModificationResender> logger) : IPeriodicJob
{
    private const int BatchSize = 20;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary><c>Orders:ModificationResendInterval</c>.</summary>
    public TimeSpan Interval => options.Value.ModificationResendInterval;

    public Task RunAsync(CancellationToken cancellationToken) => ResendDueAsync(cancellationToken);

    /// <summary>Sends every due modification this node can lease; returns how many Adyen received.</summary>
    public async Task<int> ResendDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var requestedBefore = now - options.Value.ModificationResendAfter;
        var due = await db.PaymentModifications.AsNoTracking()
            .Where(m => m.Status == ModificationStatus.Requested && m.PspReference == null && m.RequestedAt <= requestedBefore
                && (m.ResendLeaseExpiresAt == null || m.ResendLeaseExpiresAt <= now))
            .OrderBy(m => m.RequestedAt)
            .Select(m => new { m.Id, m.Kind, m.Reference })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var received = 0;
        foreach (var modification in due)
        {
            if (!await TryLeaseAsync(modification.Id, cancellationToken))
                continue;
            LogResending(logger, modification.Kind, modification.Reference);
            // Received or settled between our query and the send (the webhook, "Send again"): nothing is sent.
            var sent = await sender.SendIfUnsentAsync(modification.Id, attended: false, cancellationToken);
            if (sent?.Outcome == ModificationSendOutcome.Received)
                received++;
        }
        return received;
    }

    /// <summary>
    /// Takes the modification for this node until now + <c>ModificationResendAfter</c>, if it is still unsent and no
    /// other node holds it. One UPDATE with the conditions in its WHERE: the database lets one node through.
    /// </summary>
    internal async Task<bool> TryLeaseAsync(int modificationId, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now + options.Value.ModificationResendAfter;
        var leased = await db.PaymentModifications
            .Where(m => m.Id == modificationId && m.Status == ModificationStatus.Requested && m.PspReference == null
                && (m.ResendLeaseExpiresAt == null || m.ResendLeaseExpiresAt <= now))
            .ExecuteUpdateAsync(update => update.SetProperty(m => m.ResendLeaseExpiresAt, until), cancellationToken);
        return leased == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Reference} was never received by Adyen: sending it again")]
    private static partial void LogResending(ILogger logger, ModificationKind kind, string reference);
}
