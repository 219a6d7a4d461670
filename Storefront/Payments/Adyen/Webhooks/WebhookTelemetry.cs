using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// What the webhook receivers and worker tell the engineer on call: a count of every webhook received by outcome, and
/// a span for each message the worker applies, linked to the request that stored it (the worker runs later, in a trace
/// of its own). Operations exports both by name; this room knows nothing of exporters.
/// </summary>
public sealed class WebhookTelemetry
{
    public const string Name = "Storefront.Payments";

    public const string ReceivedCounter = "storefront.webhooks.received";

    private static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _received;

    public WebhookTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _received = meter.CreateCounter<long>(ReceivedCounter, "{webhook}",
            "Webhook items received from Adyen, by event code and outcome (stored, duplicate, refused).");
    }

    public void Stored(string eventCode) => _received.Add(1, Tag.EventCode(eventCode), Tag.Outcome("stored"));

    public void Duplicate(string eventCode) => _received.Add(1, Tag.EventCode(eventCode), Tag.Outcome("duplicate"));

    /// <summary>A refused request: its event codes are not known yet (or not to be trusted), its reason is.</summary>
    public void Refused(WebhookKind kind, string reason) =>
        _received.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()), Tag.Outcome("refused"),
            new KeyValuePair<string, object?>("reason", reason));

    /// <summary>The W3C trace context of the request storing a message, kept on its row for <see cref="StartProcessing"/>.</summary>
    public static string? CurrentTraceParent() => Activity.Current?.Id;

    /// <summary>A span for the worker applying <paramref name="message"/>, linked to the receive that stored it.</summary>
    public static Activity? StartProcessing(WebhookMessage message)
    {
        ActivityLink[]? links = ActivityContext.TryParse(message.TraceParent, null, out var stored) ? [new ActivityLink(stored)] : null;
        var activity = Source.StartActivity("webhook process", ActivityKind.Consumer, parentContext: default, links: links);
        activity?.SetTag("adyen.event_code", message.EventCode);
        activity?.SetTag("storefront.webhook.id", message.Id);
        return activity;
    }

    private static class Tag
    {
        public static KeyValuePair<string, object?> EventCode(string code) => new("event_code", code);

        public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
    }
}
