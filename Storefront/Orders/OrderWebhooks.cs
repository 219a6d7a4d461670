using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Orders;

/// <summary>
/// What Adyen's webhooks do to orders, as the inbox hands them over (<see cref="IPaymentWebhooks"/>): payment outcomes
/// go through <see cref="PaymentFinalizer"/>, the same finaliser as the return page; modification outcomes and notices
/// (OrderWebhooks.Modifications.cs) through the order's own methods. Nothing here saves: the inbox saves the order with
/// its row. Matching (F20, docs/payment-failure-modes.md): Adyen's references (pspReference, originalReference) first,
/// then ours.
/// </summary>
public sealed partial class OrderWebhooks(
    StorefrontDbContext db,
    PaymentFinalizer finalizer,
    ModificationSender sender,
    OrderEmails emails,
    OrderMetrics metrics,
    ILogger<OrderWebhooks> logger) : IPaymentWebhooks
{
    public async Task<WebhookOutcome> PaymentOutcomeAsync(NotificationRequestItem item, string payload, DateTime now,
        CancellationToken cancellationToken)
    {
        var reference = await FindAttemptReferenceAsync(item, cancellationToken);
        if (reference is null)
            return WebhookOutcome.Unmatched($"No payment attempt has pspReference {item.PspReference} or reference {item.MerchantReference}.");
        var order = await finalizer.LoadByAttemptReferenceAsync(reference, cancellationToken);
        if (order is null)
            return WebhookOutcome.Unmatched($"No payment attempt has reference {reference}.");

        var result = item.EventCode == AdyenEventCodes.Authorisation
            ? item.IsSuccess
                ? new PaymentResult(AttemptStatus.Authorised, item.PspReference, item.Amount?.ToMoney())
                : new PaymentResult(AttemptStatus.Refused, item.PspReference, item.Amount?.ToMoney(), NullIfEmpty(item.Reason) ?? "refused")
            : new PaymentResult(AttemptStatus.Expired, item.PspReference, RefusalReason: item.EventCode);
        var change = await finalizer.ApplyToAsync(order, reference, result, OrderEventSource.Webhook, payload, now, cancellationToken);
        if (change == PaymentChange.None)
        {
            // Even a webhook that changes nothing is on the timeline, with its payload.
            var attempt = order.Attempts.Single(a => a.Reference == reference);
            order.RecordWebhook(item.EventCode!, $"{item.EventCode} for attempt {reference}: nothing to change, the attempt is {attempt.Status.InLog()}.",
                payload, now);
            // Logged too: the return page often settles the attempt first, and an operator following a payment's trace
            // should still find the webhook's line.
            LogUnchanged(logger, reference, item.EventCode!, attempt.Status.InLog());
        }
        else
        {
            LogApplied(logger, reference, item.EventCode!, change);
        }
        return order.AutomaticRefundsToSubmit.Any() ? WebhookOutcome.AppliedWithFollowUp : WebhookOutcome.Applied;
    }

    /// <summary>
    /// Sends the order's automatic refunds through <see cref="ModificationSender"/> (each under its own reference as the
    /// idempotency key, so a retry after a timeout never refunds twice). Adyen unreachable or busy throws, so the row is
    /// retried (the resend sweeper would send them too); Adyen refusing one fails that refund and flags the order.
    /// </summary>
    public async Task FollowUpAsync(NotificationRequestItem item, CancellationToken cancellationToken)
    {
        var reference = await FindAttemptReferenceAsync(item, cancellationToken);
        var order = await db.Orders.AsNoTracking().Include(o => o.Modifications)
            .FirstOrDefaultAsync(o => o.Attempts.Any(a => a.Reference == reference), cancellationToken);
        foreach (var refund in order?.AutomaticRefundsToSubmit.ToList() ?? [])
        {
            var sent = await sender.SendIfUnsentAsync(refund.Id, attended: false, cancellationToken);
            if (sent?.Error is { } error)
                ExceptionDispatchInfo.Throw(error);
            if (sent?.Outcome == ModificationSendOutcome.Received)
                LogRefundSubmitted(logger, refund.Reference, order!.Number);
        }
    }

    /// <summary>The attempt an AUTHORISATION or OFFER_CLOSED is about: by its pspReference, else by our merchant reference.</summary>
    private async Task<string?> FindAttemptReferenceAsync(NotificationRequestItem item, CancellationToken cancellationToken)
    {
        var byPspReference = await db.PaymentAttempts.Where(a => a.PspReference == item.PspReference)
            .Select(a => a.Reference).FirstOrDefaultAsync(cancellationToken);
        if (byPspReference is not null || string.IsNullOrEmpty(item.MerchantReference))
            return byPspReference;
        // Our reference is only trusted for an attempt with no other pspReference: Adyen does not enforce unique
        // merchant references, so a payment made elsewhere under it must not move our order. (The return page may
        // have recorded this very pspReference since the first query.)
        return await db.PaymentAttempts
            .Where(a => a.Reference == item.MerchantReference && (a.PspReference == null || a.PspReference == item.PspReference))
            .Select(a => a.Reference).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The order whose payment a modification or notice names: by originalReference, else by our merchant reference.</summary>
    private async Task<Order?> FindOrderOfPaymentAsync(NotificationRequestItem item, CancellationToken cancellationToken)
    {
        var paymentPspReference = NullIfEmpty(item.OriginalReference) ?? item.PspReference;
        var orderId = await db.PaymentAttempts.Where(a => a.PspReference == paymentPspReference)
            .Select(a => (int?)a.OrderId).FirstOrDefaultAsync(cancellationToken);
        if (orderId is null && !string.IsNullOrEmpty(item.MerchantReference))
        {
            orderId = await db.PaymentAttempts
                .Where(a => a.Reference == item.MerchantReference && (a.PspReference == null || a.PspReference == paymentPspReference))
                .Select(a => (int?)a.OrderId).FirstOrDefaultAsync(cancellationToken);
        }
        return orderId is { } id ? await LoadOrderAsync(id, cancellationToken) : null;
    }

    private Task<Order?> LoadOrderAsync(int orderId, CancellationToken cancellationToken) =>
        db.Orders.Include(o => o.Lines).Include(o => o.Attempts).Include(o => o.Modifications).AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {AttemptReference}: {EventCode} webhook → {Change}")]
    private static partial void LogApplied(ILogger logger, string attemptReference, string eventCode, PaymentChange change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {AttemptReference}: {EventCode} webhook changes nothing, the attempt is {Status}")]
    private static partial void LogUnchanged(ILogger logger, string attemptReference, string eventCode, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Automatic refund {Reference} of order {OrderNumber} sent to Adyen")]
    private static partial void LogRefundSubmitted(ILogger logger, string reference, string orderNumber);
}
