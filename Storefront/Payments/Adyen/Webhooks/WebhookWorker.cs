using Microsoft.Extensions.Options;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// Works off the inbox: claims due rows under leases (so any number of nodes can run it on one database), applies
/// them one by one, and sleeps until a receiver on this node stores a row or the poll interval passes.
/// </summary>
public sealed partial class WebhookWorker(
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    /// <summary>This worker's name on the leases it takes: unique per process, readable by the engineer on call.</summary>
    public string Owner { get; } = $"{Truncate(Environment.MachineName, 40)}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ProcessInbox)
        {
            LogDisabled(logger);
            return;
        }
        LogStarted(logger, Owner);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is unreachable, say: try again at the next poll rather than stop the app.
                LogRoundFailed(logger, ex);
            }
            // A full batch means more may be due at once.
            if (claimed < settings.BatchSize)
                await signal.WaitAsync(settings.PollInterval, time, stoppingToken);
        }
    }

    private async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<long> claimed;
        await using (var scope = scopes.CreateAsyncScope())
            claimed = await scope.ServiceProvider.GetRequiredService<WebhookInbox>().ClaimDueAsync(Owner, cancellationToken);
        foreach (var messageId in claimed)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WebhookProcessor>().ProcessAsync(messageId, Owner, cancellationToken);
        }
        return claimed.Count;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook worker {Owner} started")]
    private static partial void LogStarted(ILogger logger, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook worker not started (Adyen:Webhooks:ProcessInbox is false): this node only stores webhooks")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook worker round failed; trying again at the next poll")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
