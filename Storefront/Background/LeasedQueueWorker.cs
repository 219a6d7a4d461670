namespace Storefront.Background;

/// <summary>
/// Works off a table of due rows that every node shares (the webhook inbox, the e-mail outbox): claims a batch under
/// leases held in the database, handles the claimed rows one by one, each in a DI scope of its own, and sleeps until
/// this node signals new work or the poll interval passes. A full batch means more may be due, so it claims again at
/// once. A failed round (the database unreachable, say) is logged and the next poll tries again.
/// </summary>
public abstract class LeasedQueueWorker(IServiceScopeFactory scopes, WakeUpSignal signal, TimeProvider time, ILogger logger)
    : BackgroundService
{
    /// <summary>This worker's name on the leases it takes: unique per process, readable by the engineer on call.</summary>
    public string Owner { get; } = Heartbeat.NewOwner();

    /// <summary>Beats at every round: what readiness and the admin System page read.</summary>
    public Heartbeat Heartbeat => _heartbeat ??= new Heartbeat(Owner, Name, time);

    private Heartbeat? _heartbeat;

    /// <summary>What the logs call this worker, e.g. "Webhook worker".</summary>
    protected abstract string Name { get; }

    /// <summary>Its batch size and poll interval, read at every round.</summary>
    protected abstract LeasedQueueOptions Settings { get; }

    /// <summary>Leases up to a batch of due rows to <see cref="Owner"/> (<see cref="LeasedQueue.ClaimDueAsync"/>); returns their ids.</summary>
    protected abstract Task<IReadOnlyList<long>> ClaimDueAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Handles one claimed row; it checks that the lease is still <see cref="Owner"/>'s.</summary>
    protected abstract Task HandleAsync(IServiceProvider services, long id, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LeasedQueueLog.Started(logger, Name, Owner);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LeasedQueueLog.RoundFailed(logger, Name, ex);
            }
            if (claimed < Settings.BatchSize)
                await signal.WaitAsync(Settings.PollInterval, time, stoppingToken);
        }
    }

    private async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<long> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await Heartbeat.BeatAsync(scope.ServiceProvider, cancellationToken);
            claimed = await ClaimDueAsync(scope.ServiceProvider, cancellationToken);
        }
        foreach (var id in claimed)
        {
            await using var scope = scopes.CreateAsyncScope();
            await HandleAsync(scope.ServiceProvider, id, cancellationToken);
        }
        return claimed.Count;
    }
}

internal static partial class LeasedQueueLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Worker} {Owner} started")]
    public static partial void Started(ILogger logger, string worker, string owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} round failed; trying again at the next poll")]
    public static partial void RoundFailed(ILogger logger, string worker, Exception exception);
}
