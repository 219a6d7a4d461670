using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Data;

namespace Storefront.Background;

/// <summary>
/// A background worker's last sign of life, one row per worker per process, in the database every node shares: the
/// admin System page shows the workers of all nodes, and a node whose rows stop moving has stopped working.
/// </summary>
public sealed class WorkerHeartbeat
{
    private WorkerHeartbeat()
    {
    }

    public WorkerHeartbeat(string owner, string worker, DateTime now)
    {
        Owner = owner;
        Worker = worker;
        Node = Environment.MachineName;
        StartedAt = now;
        LastBeatAt = now;
    }

    /// <summary>The worker's unique name in this process (its lease owner for a queue).</summary>
    public string Owner { get; private set; } = "";

    /// <summary>What it does, e.g. "Webhook worker".</summary>
    public string Worker { get; private set; } = "";

    public string Node { get; private set; } = "";

    public DateTime StartedAt { get; private set; }

    public DateTime LastBeatAt { get; set; }
}

internal sealed class WorkerHeartbeatConfiguration : IEntityTypeConfiguration<WorkerHeartbeat>
{
    public void Configure(EntityTypeBuilder<WorkerHeartbeat> builder)
    {
        builder.HasKey(h => h.Owner);
        builder.Property(h => h.Owner).HasMaxLength(100);
        builder.Property(h => h.Worker).HasMaxLength(100).IsRequired();
        builder.Property(h => h.Node).HasMaxLength(100).IsRequired();
        builder.HasIndex(h => h.LastBeatAt);
    }
}

/// <summary>Writes heartbeats: at most one write per <see cref="WriteInterval"/> per worker, so a fast poll costs the database nothing.</summary>
public sealed class Heartbeat(string owner, string worker, TimeProvider time)
{
    /// <summary>How often the row is written; the System page's "last seen" is at most this old for a live worker.</summary>
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(15);

    /// <summary>Rows of workers silent this long are removed (processes that stopped long ago).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private DateTime? _written;

    /// <summary>A worker's name, unique per process and readable by the engineer on call: node/process/random.</summary>
    public static string NewOwner()
    {
        var node = Environment.MachineName;
        return $"{(node.Length <= 40 ? node : node[..40])}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    }

    public string Owner => owner;

    /// <summary>The last time the worker completed a round on this node, or started; null before it started.</summary>
    public DateTime? LastBeatAt { get; private set; }

    /// <summary>Records a round on this node, and in the database when the last write is older than <see cref="WriteInterval"/>.</summary>
    public async Task BeatAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        LastBeatAt = now;
        if (_written is { } written && now - written < WriteInterval)
            return;
        var db = services.GetRequiredService<StorefrontDbContext>();
        var row = await db.Set<WorkerHeartbeat>().FindAsync([owner], cancellationToken);
        if (row is null)
            db.Add(new WorkerHeartbeat(owner, worker, now));
        else
            row.LastBeatAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var stale = now - Retention;
        await db.Set<WorkerHeartbeat>().Where(h => h.LastBeatAt < stale).ExecuteDeleteAsync(cancellationToken);
        _written = now;
    }
}
