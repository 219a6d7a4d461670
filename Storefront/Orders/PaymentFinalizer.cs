using Microsoft.EntityFrameworkCore;
using Storefront.Cart;
using Storefront.Data;
using Storefront.Notifications;

namespace Storefront.Orders;

/// <summary>
/// Applies a payment outcome to its order: the one finaliser behind the return page and the webhook worker.
/// The order's state machine only moves forward, and the order row is updated under optimistic concurrency,
/// so when both paths arrive together one wins and the other finds nothing left to do. Side effects (stock
/// given back, cart emptied) are saved in the same transaction as the state change, so they happen once.
/// </summary>
/// <remarks>The finaliser owns its unit of work: it clears the context's change tracker before each try.</remarks>
public sealed partial class PaymentFinalizer(StorefrontDbContext db, EmailQueue emails, TimeProvider time, ILogger<PaymentFinalizer> logger)
{
    private const int MaxTries = 8;

    public Task<FinalizeResult> ApplyAsync(string attemptReference, PaymentResult result, OrderEventSource source,
        string? payload = null, CancellationToken cancellationToken = default) =>
        ApplyCoreAsync(attemptReference, result, source, payload, webhook: null, cancellationToken);

    /// <summary>
    /// A payment outcome brought by a webhook. It lands on the order's timeline with its payload even when it changes
    /// nothing, and is saved in one transaction with what <paramref name="saveAlongside"/> tracks on this finaliser's
    /// context (the caller's scoped <see cref="StorefrontDbContext"/>): the inbox row that brought it, so the event is
    /// applied and acknowledged together, once. <paramref name="saveAlongside"/> runs again on every retry.
    /// </summary>
    public Task<FinalizeResult> ApplyWebhookAsync(string attemptReference, PaymentResult result, string eventCode, string payload,
        Func<Order, CancellationToken, Task> saveAlongside, CancellationToken cancellationToken) =>
        ApplyCoreAsync(attemptReference, result, OrderEventSource.Webhook, payload, new WebhookDelivery(eventCode, saveAlongside), cancellationToken);

    private async Task<FinalizeResult> ApplyCoreAsync(string attemptReference, PaymentResult result, OrderEventSource source,
        string? payload, WebhookDelivery? webhook, CancellationToken cancellationToken)
    {
        for (var tryNumber = 1; ; tryNumber++)
        {
            db.ChangeTracker.Clear();
            var order = await LoadByAttemptReferenceAsync(attemptReference, cancellationToken);
            if (order is null)
                return new FinalizeResult(null, PaymentChange.None, Matched: false);

            var attempt = order.Attempts.Single(a => a.Reference == attemptReference);
            var now = time.GetUtcNow().UtcDateTime;
            var paymentStatusBefore = order.PaymentStatus;
            var change = order.ApplyPaymentResult(attempt, result, now, source, payload);
            if (change == PaymentChange.Failed && order.TakeStockRelease())
                await ReleaseStockAsync(order, cancellationToken);
            // The shopper's e-mails are queued in this transaction (F13): "confirmed" only once the order is paid,
            // and never for a change that loses the race with the other path.
            if (change == PaymentChange.Paid)
            {
                await CompleteCartAsync(order, now, cancellationToken);
                emails.OrderConfirmed(order);
            }
            if (order.PaymentStatus == PaymentStatus.Confirming && paymentStatusBefore != PaymentStatus.Confirming)
                await emails.AwaitingPaymentAsync(order, cancellationToken);
            // The money exists but the order cannot keep it: the refund is saved with the change, so it cannot be
            // lost; Adyen is asked for it after the commit (the webhook worker does, under the refund's reference).
            if (change == PaymentChange.NeedsRefund)
                order.RequestAutomaticRefund(attempt, now);
            if (webhook is not null)
            {
                if (change == PaymentChange.None)
                {
                    order.RecordWebhook(webhook.EventCode,
                        $"{webhook.EventCode} for attempt {attemptReference}: nothing to change, the attempt is {attempt.Status}.",
                        payload ?? "", now);
                }
                await webhook.SaveAlongside(order, cancellationToken);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (change != PaymentChange.None)
                    LogApplied(logger, attemptReference, result.Status, change, source);
                return new FinalizeResult(order, change, Matched: true);
            }
            catch (DbUpdateConcurrencyException) when (tryNumber < MaxTries)
            {
                // Someone else moved the order (the other path, a stock change): read it again and re-apply.
                LogConflict(logger, attemptReference, tryNumber);
            }
        }
    }

    /// <summary>Gives an order's units back to the catalog. The caller has won <see cref="Order.TakeStockRelease"/>.</summary>
    public async Task ReleaseStockAsync(Order order, CancellationToken cancellationToken)
    {
        var productIds = order.Lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var line in order.Lines)
        {
            if (products.TryGetValue(line.ProductId, out var product))
                product.ReleaseStock(line.Quantity);
        }
    }

    public Task<Order?> LoadByAttemptReferenceAsync(string attemptReference, CancellationToken cancellationToken) =>
        db.Orders
            .Include(o => o.Lines)
            .Include(o => o.Attempts)
            .Include(o => o.Modifications)
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Attempts.Any(a => a.Reference == attemptReference), cancellationToken);

    private async Task CompleteCartAsync(Order order, DateTime now, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.PendingOrderId == order.Id, cancellationToken);
        cart?.CompleteOrder(order, now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {AttemptReference}: {Status} from {Source} → {Change}")]
    private static partial void LogApplied(ILogger logger, string attemptReference, AttemptStatus status, PaymentChange change, OrderEventSource source);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Payment {AttemptReference}: concurrent update, try {Try} again")]
    private static partial void LogConflict(ILogger logger, string attemptReference, int @try);
}

/// <summary>What the finaliser did; <see cref="Order"/> is null when no attempt has that reference.</summary>
public sealed record FinalizeResult(Order? Order, PaymentChange Change, bool Matched);

/// <summary>The webhook an outcome came with: its event code for the timeline, and the inbox row saved with it.</summary>
internal sealed record WebhookDelivery(string EventCode, Func<Order, CancellationToken, Task> SaveAlongside);
