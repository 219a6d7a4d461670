using System.Diagnostics.Metrics;

namespace Storefront.Orders;

/// <summary>The orders' counters, on the meter <see cref="MeterName"/>: orders expired unpaid, and refunds and cancellations by stage.</summary>
public sealed class OrderMetrics
{
    public const string MeterName = "Storefront.Orders";

    public const string ExpiredCounter = "storefront.orders.expired";
    public const string ModificationsCounter = "storefront.payment_modifications";

    private readonly Counter<long> _expired;
    private readonly Counter<long> _modifications;

    public OrderMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _expired = meter.CreateCounter<long>(ExpiredCounter, "{order}", "Orders expired unpaid past their payment deadline (their stock released).");
        _modifications = meter.CreateCounter<long>(ModificationsCounter, "{modification}",
            "Refunds and cancellations (kind) by stage: requested (Adyen received the request), confirmed or failed (Adyen's webhook, or its refusal).");
    }

    public void Expired() => _expired.Add(1);

    public void Requested(ModificationKind kind) => Modification(kind, "requested");

    /// <summary>What a webhook or a refusal did to a modification; nothing is counted when nothing changed.</summary>
    public void Settled(ModificationKind kind, ModificationChange change)
    {
        if (change is ModificationChange.Confirmed or ModificationChange.Cancelled)
            Modification(kind, "confirmed");
        else if (change == ModificationChange.Failed)
            Modification(kind, "failed");
    }

    private void Modification(ModificationKind kind, string stage) =>
        _modifications.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("stage", stage));
}
