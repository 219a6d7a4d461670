using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Orders;

/// <summary>Adyen's word on refunds and reversals, and the notices that only go on the timeline or flag the order.</summary>
public sealed partial class OrderWebhooks
{
    /// <summary>REFUND, REFUND_FAILED, CANCELLATION, CANCEL_OR_REFUND: the outcome of a modification, ours or made elsewhere.</summary>
    public async Task<WebhookOutcome> ModificationOutcomeAsync(NotificationRequestItem item, string payload, DateTime now,
        CancellationToken cancellationToken)
    {
        var found = await FindModificationAsync(item, cancellationToken);
        var order = found is not null
            ? await LoadOrderAsync(found.OrderId, cancellationToken)
            : await FindOrderOfPaymentAsync(item, cancellationToken);
        if (order is null)
            return WebhookOutcome.Unmatched($"No order has a modification {item.PspReference} / {item.MerchantReference} or a payment {item.OriginalReference}.");
        var modification = found is null ? null : order.Modifications.Single(m => m.Id == found.Id);

        var change = ModificationChange.None;
        var recorded = false;
        switch (item.EventCode)
        {
            case AdyenEventCodes.RefundFailed when modification is not null:
                change = order.ApplyModificationFailure(modification, item.PspReference, NullIfEmpty(item.Reason) ?? "refund failed", now,
                    OrderEventSource.Webhook, payload);
                break;
            case AdyenEventCodes.RefundFailed:
                order.RecordWebhook(item.EventCode, $"A refund made outside the shop failed: {item.Reason}.", payload, now);
                order.Flag($"Refund {item.PspReference}, made outside the shop, failed ({item.Reason}).", now, OrderEventSource.Webhook);
                recorded = true;
                break;
            case not null when modification is not null:
                change = order.ApplyModificationResult(modification, item.IsSuccess, item.PspReference, NullIfEmpty(item.Reason), now,
                    OrderEventSource.Webhook, payload);
                // Saved with the confirmation, which happens once per refund: one e-mail per refund reference.
                if (change == ModificationChange.Confirmed && modification.Kind == ModificationKind.Refund)
                    emails.RefundIssued(order, modification);
                break;
            case AdyenEventCodes.Refund when item.Amount is { } amount && amount.Currency == order.Currency
                && PaymentOf(order, item) is { Status: AttemptStatus.Authorised } payment:
                var external = order.RecordExternalRefund(amount.Value, item.PspReference!, item.IsSuccess, NullIfEmpty(item.Reason), now, payload, payment);
                if (item.IsSuccess)
                    emails.RefundIssued(order, external);
                recorded = true;
                break;
            default:
                order.RecordWebhook(item.EventCode!, $"{item.EventCode} ({(item.IsSuccess ? "success" : "failure")}) that the shop did not ask for.", payload, now);
                order.Flag($"{item.EventCode} {item.PspReference} was not asked for by the shop: check it in the Customer Area.", now, OrderEventSource.Webhook);
                recorded = true;
                break;
        }
        // Counted when the worker's save commits the change: a unit that loses a race and starts over counts once.
        if (modification is not null)
            db.OnSaved(() => metrics.Settled(modification.Kind, change));
        if (change == ModificationChange.Cancelled && order.TakeStockRelease())
            await finalizer.ReleaseStockAsync(order, cancellationToken);
        if (change == ModificationChange.None && !recorded)
        {
            order.RecordWebhook(item.EventCode!, $"{item.EventCode} for {modification?.Reference}: nothing to change, it is already {modification?.Status.ToString().ToLowerInvariant()}.",
                payload, now);
        }
        return WebhookOutcome.Applied;
    }

    /// <summary>
    /// CAPTURE (KakaoPay captures at once: timeline only), CAPTURE_FAILED and the chargeback family (timeline and a
    /// flag for the merchandiser), and any event code this build does not act on (timeline only).
    /// </summary>
    public async Task<WebhookOutcome> NoticeAsync(NotificationRequestItem item, string payload, DateTime now, CancellationToken cancellationToken)
    {
        var order = await FindOrderOfPaymentAsync(item, cancellationToken);
        if (order is null)
            return WebhookOutcome.Unmatched($"{item.EventCode} names no payment we know ({item.OriginalReference ?? item.PspReference} / {item.MerchantReference}).");
        var outcome = item.IsSuccess ? "success" : "failure";
        order.RecordWebhook(item.EventCode!, $"{item.EventCode} ({outcome}) from Adyen{(NullIfEmpty(item.Reason) is { } reason ? $": {reason}" : "")}.",
            payload, now);
        if (NeedsReview(item))
            order.Flag($"{item.EventCode} ({outcome}) {item.PspReference}: check it in the Customer Area.", now, OrderEventSource.Webhook);
        return WebhookOutcome.Applied;
    }

    private static bool NeedsReview(NotificationRequestItem item) => item.EventCode switch
    {
        AdyenEventCodes.Capture => !item.IsSuccess,
        AdyenEventCodes.CaptureFailed => true,
        { } code => code.Contains("CHARGEBACK", StringComparison.Ordinal) || code.StartsWith("PREARBITRATION", StringComparison.Ordinal)
            || code == "REQUEST_FOR_INFORMATION",
        _ => false,
    };

    /// <summary>Our modification: by its pspReference, else by our reference when the payment it names agrees.</summary>
    private async Task<PaymentModification?> FindModificationAsync(NotificationRequestItem item, CancellationToken cancellationToken)
    {
        var byPspReference = await db.PaymentModifications.AsNoTracking()
            .FirstOrDefaultAsync(m => m.PspReference == item.PspReference, cancellationToken);
        if (byPspReference is not null || string.IsNullOrEmpty(item.MerchantReference))
            return byPspReference;
        return await db.PaymentModifications.AsNoTracking()
            .Where(m => m.Reference == item.MerchantReference
                && (item.OriginalReference == null || m.Payment.PspReference == null || m.Payment.PspReference == item.OriginalReference))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static PaymentAttempt? PaymentOf(Order order, NotificationRequestItem item) =>
        order.Attempts.FirstOrDefault(a => a.PspReference is not null && a.PspReference == item.OriginalReference) ?? order.Payment;
}
