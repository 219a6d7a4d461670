using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Background;
using Storefront.Data;
using Storefront.Operations;
using Storefront.Payments.Adyen;

namespace Storefront.Admin;

/// <summary>
/// What the engineer on call checks first: each node's workers and when they last beat, how far the inbox and the outbox
/// are behind, the Adyen mode, and which webhook secrets are configured (how many, never their values).
/// </summary>
public sealed class SystemModel(StorefrontDbContext db, IOptionsMonitor<AdyenOptions> adyen, TimeProvider time) : PageModel
{
    public IReadOnlyList<WorkerHeartbeat> Heartbeats { get; private set; } = [];

    public QueueStatus Queues { get; private set; } = new(0, null, 0, null);

    public DateTime Now { get; private set; }

    public AdyenOptions Adyen => adyen.CurrentValue;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Heartbeats = await db.WorkerHeartbeats.AsNoTracking()
            .OrderBy(h => h.Node).ThenBy(h => h.Worker).ThenByDescending(h => h.LastBeatAt)
            .ToListAsync(cancellationToken);
        Queues = await QueueStatus.ReadAsync(db, cancellationToken);
    }

    /// <summary>A duration as the page shows it: whole seconds.</summary>
    public static string Seconds(TimeSpan span) => $"{Math.Max(0, span.TotalSeconds):0}";
}
