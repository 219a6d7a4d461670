using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Orders;

namespace Storefront.Notifications;

/// <summary>
/// Queues e-mails on the caller's <see cref="StorefrontDbContext"/>, to be saved in the same
/// SaveChanges as the change that causes them: never sent for a change that did not commit, never lost for one
/// that did. Each has a deduplication key, unique in the outbox: one (order, template) is queued once.
/// </summary>
public sealed class EmailQueue
{
    private readonly StorefrontDbContext _db;
    private readonly EmailLinks _links;
    private readonly TimeProvider _time;
    private bool _queued;

    public EmailQueue(StorefrontDbContext db, EmailLinks links, EmailSignal signal, TimeProvider time)
    {
        _db = db;
        _links = links;
        _time = time;
        // Wake this node's sender once the e-mail is committed, rather than at its next poll.
        _db.SavedChanges += (_, _) =>
        {
            if (_queued)
                signal.Notify();
            _queued = false;
        };
    }

    /// <summary>The order has just become Paid. An order is paid once (the order row is updated under concurrency).</summary>
    public void OrderConfirmed(Order order) =>
        Queue(EmailKind.OrderConfirmed, $"order:{order.Id}:confirmed", order, EmailTemplates.OrderConfirmed(order, _links.Order(order)));

    /// <summary>
    /// The order's payment has just become Confirming (KakaoPay answered Pending): once per order, even when a later
    /// attempt is pending too, so the database is asked first; the unique key is the backstop.
    /// </summary>
    public async Task AwaitingPaymentAsync(Order order, CancellationToken cancellationToken)
    {
        var key = $"order:{order.Id}:awaiting-payment";
        if (await _db.OutgoingEmails.AnyAsync(e => e.DeduplicationKey == key, cancellationToken))
            return;
        Queue(EmailKind.AwaitingPayment, key, order, EmailTemplates.AwaitingPayment(order, _links.Order(order)));
    }

    /// <summary>The order has just been fulfilled, which happens once.</summary>
    public void OrderShipped(Order order) =>
        Queue(EmailKind.OrderShipped, $"order:{order.Id}:shipped", order, EmailTemplates.OrderShipped(order, _links.Order(order)));

    /// <summary>Adyen has just confirmed a refund: one e-mail per refund reference.</summary>
    public void RefundIssued(Order order, PaymentModification refund) =>
        Queue(EmailKind.RefundIssued, $"refund:{refund.Reference}", order, EmailTemplates.RefundIssued(order, refund, _links.Order(order)));

    /// <summary>A guest asked for a fresh link to the order: every request is an e-mail of its own (the rate limiter caps them).</summary>
    public void OrderLink(Order order) =>
        Queue(EmailKind.OrderLink, $"order:{order.Id}:link:{Guid.NewGuid():N}", order, EmailTemplates.OrderLink(order, _links.Order(order)));

    /// <summary>An e-mail about no order (Identity's): it gets a key of its own.</summary>
    public void Account(string recipient, RenderedEmail email) =>
        Add(new OutgoingEmail(EmailKind.Account, $"account:{Guid.NewGuid():N}", recipient, email.Subject, email.TextBody, email.HtmlBody,
            orderId: null, _time.GetUtcNow().UtcDateTime));

    /// <summary>An e-mail made due again (a merchandiser's "Send again"): wake this node's sender once it is saved.</summary>
    public void WakeSenderAfterSave() => _queued = true;

    private void Queue(EmailKind kind, string key, Order order, RenderedEmail email) =>
        Add(new OutgoingEmail(kind, key, order.Contact.Email, email.Subject, email.TextBody, email.HtmlBody, order.Id,
            _time.GetUtcNow().UtcDateTime));

    private void Add(OutgoingEmail email)
    {
        _db.OutgoingEmails.Add(email);
        _queued = true;
    }
}
