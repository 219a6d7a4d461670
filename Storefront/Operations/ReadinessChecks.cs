using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Operations;

/// <summary>Unhealthy when this node's webhook worker should run but has not finished a round within <see cref="OperationsOptions.HeartbeatTimeout"/>.</summary>
public sealed class WebhookWorkerCheck(IEnumerable<IHostedService> hostedServices, IOptions<WebhookOptions> webhooks,
    IOptions<OperationsOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!webhooks.Value.ProcessInbox)
            return Task.FromResult(HealthCheckResult.Healthy("Not run on this node (Adyen:Webhooks:ProcessInbox is false)."));
        var worker = hostedServices.OfType<WebhookWorker>().Single();
        if (worker.Heartbeat.LastBeatAt is not { } beat)
            return Task.FromResult(HealthCheckResult.Unhealthy("Not started yet."));
        var silence = time.GetUtcNow().UtcDateTime - beat;
        return Task.FromResult(silence <= options.Value.HeartbeatTimeout
            ? HealthCheckResult.Healthy($"Last round {silence.TotalSeconds:0} s ago.")
            : HealthCheckResult.Unhealthy($"No round for {silence.TotalSeconds:0} s (more than {options.Value.HeartbeatTimeout})."));
    }
}

/// <summary>Degraded, not failed, when the oldest waiting webhook is older than <see cref="OperationsOptions.InboxLagThreshold"/>: the node still serves shoppers.</summary>
public sealed class InboxLagCheck(StorefrontDbContext db, IOptions<OperationsOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await QueueStatus.ReadAsync(db, cancellationToken);
        var lag = status.InboxLag(time.GetUtcNow().UtcDateTime);
        var description = $"{status.InboxDepth} waiting, the oldest for {lag.TotalSeconds:0} s.";
        return lag > options.Value.InboxLagThreshold
            ? HealthCheckResult.Degraded($"{description} More than {options.Value.InboxLagThreshold}.")
            : HealthCheckResult.Healthy(description);
    }
}
