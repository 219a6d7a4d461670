namespace Storefront.Background;

/// <summary>Work that a node does on a timer, in a fresh DI scope each round (expiry, resending …).</summary>
public interface IPeriodicJob
{
    /// <summary>The wait between the end of one round and the start of the next.</summary>
    TimeSpan Interval { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs <typeparamref name="TJob"/> at start and then every <see cref="IPeriodicJob.Interval"/>, on every node, until
/// the app stops. A failed round is logged and the next one comes as usual: a database that is unreachable for a
/// moment must not stop the work for good.
/// </summary>
public sealed class PeriodicJobWorker<TJob>(IServiceScopeFactory scopes, TimeProvider time, ILogger<PeriodicJobWorker<TJob>> logger)
    : BackgroundService where TJob : IPeriodicJob
{
    public Heartbeat Heartbeat { get; } = new(Heartbeat.NewOwner(), typeof(TJob).Name, time);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan interval;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var job = scope.ServiceProvider.GetRequiredService<TJob>();
                interval = job.Interval;
                try
                {
                    await Heartbeat.BeatAsync(scope.ServiceProvider, stoppingToken);
                    await job.RunAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    PeriodicJobLog.RoundFailed(logger, typeof(TJob).Name, interval, ex);
                }
            }
            await Task.Delay(interval, time, stoppingToken);
        }
    }
}

internal static partial class PeriodicJobLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} round failed; trying again in {Interval}")]
    public static partial void RoundFailed(ILogger logger, string job, TimeSpan interval, Exception exception);
}

public static class PeriodicJobRegistration
{
    /// <summary>Registers <typeparamref name="TJob"/> as a scoped service and a hosted worker that runs it periodically.</summary>
    public static IServiceCollection AddPeriodicJob<TJob>(this IServiceCollection services) where TJob : class, IPeriodicJob
    {
        services.AddScoped<TJob>();
        services.AddHostedService<PeriodicJobWorker<TJob>>();
        return services;
    }
}
