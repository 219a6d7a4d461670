using Microsoft.EntityFrameworkCore;
using Storefront.Catalog;
using Storefront.Data;

namespace Storefront.Orders;

/// <summary>
/// Applies a payment outcome to its order: the one finaliser behind the return page and the webhook worker.
/// The order's state machine only moves forward, and the order row is updated under optimistic concurrency,
/// so when both paths arrive together one wins and the other finds nothing left to do. Side effects are saved in
/// the same transaction as the state change, so they happen once: the shopper's e-mails (<see cref="OrderEmails"/>),
/// stock given back (Catalog's <see cref="ProductStock"/>), the cart emptied (<see cref="IOrderPaidHandler"/>,
/// which Cart implements); the finaliser touches no cart or product row itself.
/// </summary>
public sealed partial class PaymentFinalizer(
    StorefrontDbContext db,
    OrderEmails emails,
    ProductStock stock,
    IOrderPaidHandler paid,
    TimeProvider time,
    ILogger<PaymentFinalizer> logger)
{
    /// <summary>An outcome from the return page or checkout: applied and saved as a unit of work of its own.</summary>
    public Task<FinalizeResult> ApplyAsync(string attemptReference, PaymentResult result, OrderEventSource source,
        string? payload = null, CancellationToken cancellationToken = default) =>
        db.UnitOfWorkAsync(async () =>
        {
            var order = await LoadByAttemptReferenceAsync(attemptReference, cancellationToken);
            if (order is null)
                return new FinalizeResult(null, PaymentChange.None, Matched: false);
            var change = await ApplyToAsync(order, attemptReference, result, source, payload, time.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (change != PaymentChange.None)
                LogApplied(logger, attemptReference, result.Status, change, source);
            return new FinalizeResult(order, change, Matched: true);
        });

    /// <summary>
    /// Applies the outcome to <paramref name="order"/>, tracked on this scope's context, with its side effects, and does
    /// not save: the caller saves it with whatever belongs to the same transaction (a webhook's inbox row).
    /// </summary>
    internal async Task<PaymentChange> ApplyToAsync(Order order, string attemptReference, PaymentResult result, OrderEventSource source,
        string? payload, DateTime now, CancellationToken cancellationToken)
    {
        var attempt = order.Attempts.Single(a => a.Reference == attemptReference);
        var paymentStatusBefore = order.PaymentStatus;
        var change = order.ApplyPaymentResult(attempt, result, now, source, payload);
        if (change == PaymentChange.Failed && order.TakeStockRelease())
            await ReleaseStockAsync(order, cancellationToken);
        // The shopper's e-mails are queued in this transaction (F13, docs/payment-failure-modes.md): "confirmed" only
        // once the order is paid, and never for a change that loses the race with the other path.
        if (change == PaymentChange.Paid)
        {
            await paid.OrderPaidAsync(order, now, cancellationToken);
            emails.OrderConfirmed(order);
        }
        if (order.PaymentStatus == PaymentStatus.Confirming && paymentStatusBefore != PaymentStatus.Confirming)
            await emails.AwaitingPaymentAsync(order, cancellationToken);
        // The money exists but the order cannot keep it: the refund is saved with the change, so it cannot be
        // lost; Adyen is asked for it after the commit (the webhook worker does, under the refund's reference).
        if (change == PaymentChange.NeedsRefund)
            order.RequestAutomaticRefund(attempt, now);
        return change;
    }

    /// <summary>Gives an order's units back to the catalog. The caller has won <see cref="Order.TakeStockRelease"/>.</summary>
    public Task ReleaseStockAsync(Order order, CancellationToken cancellationToken) =>
        stock.ReleaseAsync(order.ProductLines.Select(l => new StockLine(l.ProductId!.Value, l.Quantity)).ToList(), order.Number, order.Status.ToString(), cancellationToken);

    public Task<Order?> LoadByAttemptReferenceAsync(string attemptReference, CancellationToken cancellationToken) =>
        db.Orders
            .Include(o => o.Lines)
            .Include(o => o.Attempts)
            .Include(o => o.Modifications)
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Attempts.Any(a => a.Reference == attemptReference), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {AttemptReference}: {Status} from {Source} → {Change}")]
    private static partial void LogApplied(ILogger logger, string attemptReference, AttemptStatus status, PaymentChange change, OrderEventSource source);
}

/// <summary>What the finaliser did; <see cref="Order"/> is null when no attempt has that reference.</summary>
public sealed record FinalizeResult(Order? Order, PaymentChange Change, bool Matched);
