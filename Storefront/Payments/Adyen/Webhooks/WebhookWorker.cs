using Microsoft.Extensions.Options;
using Storefront.Background;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// Works off the inbox: claims due rows under leases (so any number of nodes can run it on one database) and applies
/// them one by one, woken by a receiver on this node storing a row.
/// </summary>
public sealed partial class WebhookWorker(
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookWorker> logger) : LeasedQueueWorker(scopes, signal, time, logger)
{
    protected override string Name => "Webhook worker";

    protected override LeasedQueueOptions Settings => options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ProcessInbox)
            return base.ExecuteAsync(stoppingToken);
        LogDisabled(logger);
        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyList<long>> ClaimDueAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<WebhookInbox>().ClaimDueAsync(Owner, cancellationToken);

    protected override Task HandleAsync(IServiceProvider services, long id, CancellationToken cancellationToken) =>
        services.GetRequiredService<WebhookProcessor>().ProcessAsync(id, Owner, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook worker not started (Adyen:Webhooks:ProcessInbox is false): this node only stores webhooks")]
    private static partial void LogDisabled(ILogger logger);
}
