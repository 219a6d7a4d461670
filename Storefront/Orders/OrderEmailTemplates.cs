using Microsoft.Extensions.Localization;
using Storefront.Localization;
using Storefront.Notifications;
using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>
/// What the shopper's e-mails about an order say, in <see cref="EmailTemplates"/>' layout, in the current UI culture's
/// language (<see cref="OrderEmails"/> sets the order's) and with times in the order's market's zone.
/// </summary>
public sealed class OrderEmailTemplates(IStringLocalizer<SharedResource> localizer, LocalTimes times)
{
    public RenderedEmail OrderConfirmed(Order order, string orderUrl) =>
        EmailTemplates.Render(localizer, localizer["Order {0} confirmed", order.Number], order.Contact.Name,
            [
                localizer["Thank you for your order. We have received your payment of {0} for order {1}.", order.Total, order.Number],
                Placed(order),
            ],
            Items(order), orderUrl, localizer["View your order"]);

    public RenderedEmail AwaitingPayment(Order order, string orderUrl) =>
        EmailTemplates.Render(localizer, localizer["We're waiting for your payment for order {0}", order.Number], order.Contact.Name,
            [
                localizer["KakaoPay has not confirmed your payment of {0} for order {1} yet.", order.Total, order.Number],
                localizer["We will e-mail you again as soon as it is confirmed. There is nothing you need to do now."],
                Placed(order),
            ],
            Items(order), orderUrl, localizer["Check your order"]);

    public RenderedEmail OrderShipped(Order order, string orderUrl) =>
        EmailTemplates.Render(localizer, localizer["Order {0} has shipped", order.Number], order.Contact.Name,
            [
                localizer["Your order {0} is on its way with {1}, tracking number {2}.", order.Number, order.Carrier ?? "", order.TrackingNumber ?? ""],
                localizer["Shipped: {0}", times.DateAndTime(order.FulfilledAt ?? order.UpdatedAt, times.ZoneOf(order.Country))],
            ],
            Items(order), orderUrl, localizer["View your order"]);

    public RenderedEmail RefundIssued(Order order, PaymentModification refund, string orderUrl) =>
        EmailTemplates.Render(localizer, localizer["Refund of {0} for order {1}", refund.Total, order.Number], order.Contact.Name,
            [localizer["We have refunded {0} for order {1}. Depending on your bank it may take a few days to appear.", refund.Total, order.Number]],
            items: null, orderUrl, localizer["View your order"]);

    public RenderedEmail OrderLink(Order order, string orderUrl) =>
        EmailTemplates.Render(localizer, localizer["Your link to order {0}", order.Number], order.Contact.Name,
            [localizer["Here is a new link to your order {0}, as you asked. Keep this e-mail: the link opens your order without an account.", order.Number]],
            items: null, orderUrl, localizer["View your order"]);

    private string Placed(Order order) =>
        localizer["Order placed: {0}", times.DateAndTime(order.CreatedAt, times.ZoneOf(order.Country))];

    private static EmailItems Items(Order order) =>
        new(order.Lines.Select(l => new EmailItem(l.Name, l.Quantity, new Money(l.LineTotal, order.Currency))).ToList(), order.Total);
}
