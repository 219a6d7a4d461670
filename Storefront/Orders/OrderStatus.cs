namespace Storefront.Orders;

/// <summary>Where the order stands for the shopper and the merchandiser. Kept apart from <see cref="PaymentStatus"/>.</summary>
public enum OrderStatus
{
    AwaitingPayment,
    Paid,
    PaymentFailed,
    Expired,
    Cancelled,
    Fulfilled,
}

/// <summary>
/// An order's status in the stored English sentences of its timeline ("Order is now failed."), which merchandisers
/// read: the enum's name is the code's, not a word. Pages translate statuses with <see cref="StatusWords"/>.
/// </summary>
internal static class OrderStatusText
{
    public static string InLog(this OrderStatus status) => status switch
    {
        OrderStatus.AwaitingPayment => "awaiting payment",
        OrderStatus.PaymentFailed => "failed",
        OrderStatus.Fulfilled => "shipped",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string InLog(this AttemptStatus status) => status switch
    {
        AttemptStatus.RedirectShopper => "waiting for the shopper",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>What we know of the money, as Adyen last told us (a redirect result, then webhooks).</summary>
public enum PaymentStatus
{
    /// <summary>No payment attempt has reached Adyen yet.</summary>
    NotStarted,

    /// <summary>Sent to KakaoPay; the shopper has not come back.</summary>
    AwaitingShopper,

    /// <summary>Adyen answered Pending or Received: the outcome arrives later by webhook.</summary>
    Confirming,

    Authorised,
    Failed,
    Expired,
    PartiallyRefunded,
    Refunded,
}

public enum AttemptStatus
{
    /// <summary>Stored with its idempotency key; /payments not answered yet (or timed out: retry with the same key).</summary>
    Created,

    /// <summary>Adyen answered RedirectShopper; the action is stored so a double submit can replay it.</summary>
    RedirectShopper,

    /// <summary>Pending or Received: final outcome by webhook.</summary>
    Pending,

    Authorised,
    Refused,
    Cancelled,
    Error,

    /// <summary>The payment window closed (OFFER_CLOSED, or our own expiry).</summary>
    Expired,
}

public enum OrderEventSource
{
    Shopper,
    Return,
    Webhook,
    Merchandiser,
    System,
}
