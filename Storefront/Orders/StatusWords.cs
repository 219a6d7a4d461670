using Microsoft.Extensions.Localization;

namespace Storefront.Orders;

/// <summary>
/// The one home of the words people read for an order's and a payment's status (결제 완료, not <c>Paid</c>), in the
/// language of the request or e-mail being written. Pages show these, never the enum names, which are the code's.
/// </summary>
public sealed class StatusWords(IStringLocalizer<StatusWords> texts)
{
    public string Of(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingPayment => texts["Awaiting payment"],
        OrderStatus.Paid => texts["Paid"],
        OrderStatus.PaymentFailed => texts["Payment failed"],
        OrderStatus.Expired => texts["Expired unpaid"],
        OrderStatus.Cancelled => texts["Cancelled"],
        OrderStatus.Fulfilled => texts["Shipped"],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public string Of(PaymentStatus status) => status switch
    {
        PaymentStatus.NotStarted => texts["Not started"],
        PaymentStatus.AwaitingShopper => texts["Awaiting payment"],
        PaymentStatus.Confirming => texts["Being confirmed"],
        PaymentStatus.Authorised => texts["Paid"],
        PaymentStatus.Failed => texts["Payment failed"],
        PaymentStatus.Expired => texts["Expired"],
        PaymentStatus.PartiallyRefunded => texts["Partly refunded"],
        PaymentStatus.Refunded => texts["Refunded"],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// An order's status in one phrase, as a shopper's order list shows it: the order's, with the payment's where
    /// that says more (being confirmed, refunded).
    /// </summary>
    public string Of(OrderStatus status, PaymentStatus payment) => (status, payment) switch
    {
        (OrderStatus.AwaitingPayment, PaymentStatus.Confirming) => texts["Payment being confirmed"],
        (OrderStatus.Paid, PaymentStatus.Refunded) => texts["Refunded"],
        (OrderStatus.Paid, PaymentStatus.PartiallyRefunded) => texts["Paid, partly refunded"],
        _ => Of(status),
    };
}
