using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Background;
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
    WebhookTelemetry telemetry,
    ILogger<WebhookInbox> logger)
{
    /// <summary>
    /// Stores each message unless its key is already there; returns how many were new. A duplicate is normal (Adyen
    /// sends again whatever it did not see accepted), so it is looked up first and skipped quietly. Two copies arriving
    /// at once both pass that look-up, and the unique index turns the second insert away: its unit of work runs again
    /// and finds the row it collided with, which is the one we keep.
    /// </summary>
    public async Task<int> StoreAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        var stored = 0;
        foreach (var message in messages)
        {
            message.ReceivedIn(WebhookTelemetry.CurrentTraceParent());
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
        if (stored > 0)
            signal.Notify();
        return stored;
    }

    /// <summary>Claims due rows (Pending, or Failed and due for a retry) for <paramref name="owner"/>'s worker.</summary>
    public Task<IReadOnlyList<long>> ClaimDueAsync(string owner, CancellationToken cancellationToken) =>
        db.ClaimDueAsync(WebhookMessage.IsWaiting,
            owner, time.GetUtcNow().UtcDateTime, options.Value, logger, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate {EventCode} webhook for {PspReference}: already in the inbox")]
    private static partial void LogDuplicate(ILogger logger, string eventCode, string? pspReference);
}
