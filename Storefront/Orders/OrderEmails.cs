using Storefront.Notifications;

namespace Storefront.Orders;

/// <summary>
/// The shopper's e-mails about an order, queued through <see cref="EmailQueue"/> in the caller's transaction, so they
/// go once and only for a change that committed (F13, docs/payment-failure-modes.md). Each links to the order with its
/// signed link, which works for a guest in any browser without a log-in.
/// </summary>
public sealed class OrderEmails(EmailQueue queue, EmailLinks links, OrderLinks orderLinks)
{
    /// <summary>The order has just become Paid. An order is paid once (the order row is updated under concurrency).</summary>
    public void OrderConfirmed(Order order) =>
        Queue(EmailKind.OrderConfirmed, $"order:{order.Id}:confirmed", order, OrderEmailTemplates.OrderConfirmed(order, Link(order)));

    /// <summary>
    /// The order's payment has just become Confirming (KakaoPay answered Pending): once per order, even when a later
    /// attempt is pending too.
    /// </summary>
    public async Task AwaitingPaymentAsync(Order order, CancellationToken cancellationToken)
    {
        var key = $"order:{order.Id}:awaiting-payment";
        if (!await queue.WasQueuedAsync(key, cancellationToken))
            Queue(EmailKind.AwaitingPayment, key, order, OrderEmailTemplates.AwaitingPayment(order, Link(order)));
    }

    /// <summary>The order has just been fulfilled, which happens once.</summary>
    public void OrderShipped(Order order) =>
        Queue(EmailKind.OrderShipped, $"order:{order.Id}:shipped", order, OrderEmailTemplates.OrderShipped(order, Link(order)));

    /// <summary>Adyen has just confirmed a refund: one e-mail per refund reference.</summary>
    public void RefundIssued(Order order, PaymentModification refund) =>
        Queue(EmailKind.RefundIssued, $"refund:{refund.Reference}", order, OrderEmailTemplates.RefundIssued(order, refund, Link(order)));

    private void Queue(EmailKind kind, string key, Order order, RenderedEmail email) =>
        queue.Queue(kind, key, order.Contact.Email, email, order.Id);

    private string Link(Order order) => links.BaseUrl() + orderLinks.OrderPath(order.Number);
}
