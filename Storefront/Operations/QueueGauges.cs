using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Storefront.Background;
using Storefront.Data;

namespace Storefront.Operations;

/// <summary>
/// The queue gauges, on the meter <see cref="MeterName"/>: depth and oldest pending age of the webhook inbox and the
/// e-mail outbox. A collection must not wait on the database, so <see cref="QueueSampler"/> reads the queues on a timer
/// and the gauges report the last reading. Every node reports the same shared tables: take the maximum across nodes.
/// </summary>
public sealed class QueueGauges
{
    public const string MeterName = "Storefront.Operations";

    private readonly TimeProvider _time;
    private volatile QueueStatus? _latest;

    public QueueGauges(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("storefront.webhook_inbox.depth", () => Depth(s => s.InboxDepth), "{webhook}",
            "Webhooks stored and not applied yet (pending, or failed and waiting for a retry).");
        meter.CreateObservableGauge("storefront.webhook_inbox.oldest_pending_age", () => Age(s => s.InboxLag(Now)), "s",
            "How long the oldest webhook still waiting in the inbox has waited.");
        meter.CreateObservableGauge("storefront.email_outbox.depth", () => Depth(s => s.OutboxDepth), "{email}",
            "E-mails queued and not sent yet.");
        meter.CreateObservableGauge("storefront.email_outbox.oldest_pending_age", () => Age(s => s.OutboxLag(Now)), "s",
            "How long the oldest unsent e-mail has waited.");
    }

    public void Record(QueueStatus status) => _latest = status;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private IEnumerable<Measurement<long>> Depth(Func<QueueStatus, int> read) =>
        _latest is { } status ? [new Measurement<long>(read(status))] : [];

    private IEnumerable<Measurement<double>> Age(Func<QueueStatus, TimeSpan> read) =>
        _latest is { } status ? [new Measurement<double>(read(status).TotalSeconds)] : [];
}

/// <summary>Reads the queues for <see cref="QueueGauges"/> every <see cref="OperationsOptions.QueueSampleInterval"/>.</summary>
public sealed class QueueSampler(StorefrontDbContext db, QueueGauges gauges, IOptions<OperationsOptions> options) : IPeriodicJob
{
    public TimeSpan Interval => options.Value.QueueSampleInterval;

    public async Task RunAsync(CancellationToken cancellationToken) =>
        gauges.Record(await QueueStatus.ReadAsync(db, cancellationToken));
}
