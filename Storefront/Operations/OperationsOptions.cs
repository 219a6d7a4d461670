using System.ComponentModel.DataAnnotations;
using Storefront.Shared;

namespace Storefront.Operations;

/// <summary>Where the Prometheus scrape endpoint (<c>/metrics</c>) answers.</summary>
public enum MetricsScrape
{
    /// <summary>Not mapped: metrics leave only by OTLP, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    None,

    /// <summary>Only on <see cref="OperationsOptions.MetricsPort"/>, a port the load balancer does not publish.</summary>
    Port,

    /// <summary>On every port, for a signed-in merchandiser only.</summary>
    Merchandiser,
}

/// <summary>Readiness thresholds and the metrics endpoint, from <c>Operations</c>.</summary>
public sealed class OperationsOptions : IValidatableObject
{
    public const string Section = "Operations";

    /// <summary>Readiness is Degraded when the oldest webhook still waiting in the inbox was received longer ago than this.</summary>
    [SettingRange("00:00:01", "1.00:00:00")]
    public TimeSpan InboxLagThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Readiness is Unhealthy when this node's webhook worker has not finished a round for this long.</summary>
    [SettingRange("00:00:01", "1.00:00:00")]
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the queue gauges (depth, oldest pending age) are read from the database.</summary>
    [SettingRange("00:00:00.010", "01:00:00")]
    public TimeSpan QueueSampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    public MetricsScrape MetricsScrape { get; set; } = MetricsScrape.None;

    /// <summary>The port of <see cref="MetricsScrape.Port"/>; it must also be one Kestrel listens on (<c>urls</c>).</summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(MetricsScrape))
            yield return new ValidationResult($"{Section}:{nameof(MetricsScrape)} must be None, Port or Merchandiser.", [nameof(MetricsScrape)]);
        if (MetricsScrape == MetricsScrape.Port && MetricsPort is null)
            yield return new ValidationResult($"{Section}:{nameof(MetricsPort)} is required when {Section}:{nameof(MetricsScrape)} is Port.", [nameof(MetricsPort)]);
    }
}
