namespace Storefront.Orders;

/// <summary>
/// One entry of an order's timeline: every return, webhook (with its raw payload), state change and
/// merchandiser action, appended and never edited.
/// </summary>
public sealed class OrderEvent
{
    public const int SummaryMaxLength = 2000;

    private OrderEvent()
    {
    }

    public OrderEvent(DateTime at, OrderEventSource source, string kind, string summary, string? actor = null, string? payload = null,
        OrderStatus? fromStatus = null, PaymentStatus? fromPaymentStatus = null)
    {
        At = at;
        Source = source;
        Kind = kind;
        // A reason quoted from Adyen or a merchandiser can be long; the timeline keeps its start rather than fail the save.
        Summary = summary.Length <= SummaryMaxLength ? summary : summary[..(SummaryMaxLength - 1)] + "…";
        Actor = actor;
        Payload = payload;
        FromStatus = fromStatus;
        FromPaymentStatus = fromPaymentStatus;
    }

    public long Id { get; private set; }

    public int OrderId { get; private set; }

    public DateTime At { get; private set; }

    public OrderEventSource Source { get; private set; }

    /// <summary>A short machine-friendly name such as <c>OrderPlaced</c> or <c>AUTHORISATION</c>.</summary>
    public string Kind { get; private set; } = "";

    public string Summary { get; private set; } = "";

    /// <summary>Who did it, for merchandiser actions.</summary>
    public string? Actor { get; private set; }

    /// <summary>For a merchandiser's action: the order's status when they took it.</summary>
    public OrderStatus? FromStatus { get; private set; }

    /// <summary>For a merchandiser's action: the payment status when they took it.</summary>
    public PaymentStatus? FromPaymentStatus { get; private set; }

    /// <summary>The raw message (webhook body, Adyen result) for the merchandiser to inspect.</summary>
    public string? Payload { get; private set; }
}
