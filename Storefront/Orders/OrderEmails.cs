using Storefront.Localization;
using Storefront.Notifications;

namespace Storefront.Orders;

/// <summary>
/// The shopper's e-mails about an order, queued through <see cref="EmailQueue"/> in the caller's transaction, so they
/// go once and only for a change that committed (F13, docs/payment-failure-modes.md). Each is written in the language the order was placed in,
/// whoever causes it (the shopper's return, a webhook, a merchandiser), and links to the order with its signed link,
/// which works for a guest in any browser without a log-in.
/// </summary>
public sealed class OrderEmails(EmailQueue queue, EmailLinks links, OrderLinks orderLinks, OrderEmailTemplates templates)
{
    /// <summary>The order has just become Paid. An order is paid once (the order row is updated under concurrency).</summary>
    public void OrderConfirmed(Order order) =>
        Queue(EmailKind.OrderConfirmed, $"order:{order.Id}:confirmed", order, () => templates.OrderConfirmed(order, Link(order)));

    /// <summary>
    /// The order's payment has just become Confirming (KakaoPay answered Pending): once per order, even when a later
    /// attempt is pending too.
    /// </summary>
    public async Task AwaitingPaymentAsync(Order order, CancellationToken cancellationToken)
    {
        var key = $"order:{order.Id}:awaiting-payment";
        if (!await queue.WasQueuedAsync(key, cancellationToken))
            Queue(EmailKind.AwaitingPayment, key, order, () => templates.AwaitingPayment(order, Link(order)));
    }

    /// <summary>The order has just been fulfilled, which happens once.</summary>
    public void OrderShipped(Order order) =>
        Queue(EmailKind.OrderShipped, $"order:{order.Id}:shipped", order, () => templates.OrderShipped(order, Link(order)));

    /// <summary>Adyen has just confirmed a refund: one e-mail per refund reference.</summary>
    public void RefundIssued(Order order, PaymentModification refund) =>
        Queue(EmailKind.RefundIssued, $"refund:{refund.Reference}", order, () => templates.RefundIssued(order, refund, Link(order)));

    /// <summary>A guest asked for a fresh link to the order: every request is an e-mail of its own (the rate limiter caps them).</summary>
    public void OrderLink(Order order) =>
        Queue(EmailKind.OrderLink, $"order:{order.Id}:link:{Guid.NewGuid():N}", order, () => templates.OrderLink(order, Link(order)));

    private void Queue(EmailKind kind, string key, Order order, Func<RenderedEmail> render)
    {
        RenderedEmail email;
        using (Cultures.Use(order.Language))
            email = render();
        queue.Queue(kind, key, order.Contact.Email, email, order.Id);
    }

    private string Link(Order order) => links.BaseUrl() + orderLinks.OrderPath(order.Number);
}
