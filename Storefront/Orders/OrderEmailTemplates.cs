using Storefront.Notifications;
using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>What the shopper's e-mails about an order say, in <see cref="EmailTemplates"/>' layout.</summary>
public static class OrderEmailTemplates
{
    public static RenderedEmail OrderConfirmed(Order order, string orderUrl) =>
        EmailTemplates.Render($"Order {order.Number} confirmed", order.Contact.Name,
            [$"Thank you for your order. We have received your payment of {order.Total} for order {order.Number}."],
            Items(order), orderUrl, "View your order");

    public static RenderedEmail AwaitingPayment(Order order, string orderUrl) =>
        EmailTemplates.Render($"We're waiting for your payment for order {order.Number}", order.Contact.Name,
            [
                $"KakaoPay has not confirmed your payment of {order.Total} for order {order.Number} yet.",
                "We will e-mail you again as soon as it is confirmed. There is nothing you need to do now.",
            ],
            Items(order), orderUrl, "Check your order");

    public static RenderedEmail OrderShipped(Order order, string orderUrl) =>
        EmailTemplates.Render($"Order {order.Number} has shipped", order.Contact.Name,
            [$"Your order {order.Number} is on its way with {order.Carrier}, tracking number {order.TrackingNumber}."],
            Items(order), orderUrl, "View your order");

    public static RenderedEmail RefundIssued(Order order, PaymentModification refund, string orderUrl) =>
        EmailTemplates.Render($"Refund of {refund.Total} for order {order.Number}", order.Contact.Name,
            [$"We have refunded {refund.Total} for order {order.Number}. Depending on your bank it may take a few days to appear."],
            items: null, orderUrl, "View your order");

    private static EmailItems Items(Order order) =>
        new(order.Lines.Select(l => new EmailItem(l.Name, l.Quantity, new Money(l.LineTotal, order.Currency))).ToList(), order.Total);
}
