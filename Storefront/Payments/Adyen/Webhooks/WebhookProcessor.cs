using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Account;
using Storefront.Data;
using Storefront.Notifications;
using Storefront.Orders;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// Applies one claimed inbox row. Payment outcomes go through <see cref="PaymentFinalizer"/>; modifications, notices
/// and tokens through the order's and the stored payment method's own methods. Each row's effect and its completion
/// are saved in one transaction guarded by the row's lease, so a row is applied once even when a node dies after
/// the commit. Matching follows F20: Adyen's references (pspReference, originalReference) first, then ours.
/// </summary>
public sealed partial class WebhookProcessor(
    StorefrontDbContext db,
    PaymentFinalizer finalizer,
    ModificationSender sender,
    EmailQueue emails,
    IOptionsMonitor<AdyenOptions> adyenOptions,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookProcessor> logger)
{
    private const int MaxTries = 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Applies the row if <paramref name="owner"/> still holds its lease; a failure is recorded on the row for a retry.</summary>
    public async Task ProcessAsync(long messageId, string owner, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var message = await db.WebhookMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null || !message.IsLeasedBy(owner))
            return;
        try
        {
            if (message.AppliedAt is null)
            {
                await (message.Kind == WebhookKind.Standard
                    ? ApplyStandardAsync(message, owner, cancellationToken)
                    : ApplyTokenizationAsync(message, owner, cancellationToken));
            }
            else
            {
                // Applied on an earlier try whose follow-up failed: only the follow-up is left.
                await FollowUpAsync(message, owner, cancellationToken);
            }
        }
        catch (WebhookLeaseLostException)
        {
            LogLeaseLost(logger, messageId);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await FailAsync(messageId, owner, ex, cancellationToken);
        }
    }

    private Task ApplyStandardAsync(WebhookMessage message, string owner, CancellationToken cancellationToken)
    {
        var item = JsonSerializer.Deserialize<NotificationRequestItem>(message.Body, Json)
            ?? throw new InvalidOperationException("The stored notification item is empty.");
        if (!IsOurMerchantAccount(item.MerchantAccountCode))
            return CompleteAsync(message.Id, owner, $"For merchant account {item.MerchantAccountCode}, not ours.", cancellationToken);
        return item.EventCode switch
        {
            AdyenEventCodes.Authorisation => ApplyPaymentOutcomeAsync(message, owner, item, item.IsSuccess
                ? new PaymentResult(AttemptStatus.Authorised, item.PspReference, item.Amount?.ToMoney())
                : new PaymentResult(AttemptStatus.Refused, item.PspReference, item.Amount?.ToMoney(), NullIfEmpty(item.Reason) ?? "refused"),
                cancellationToken),
            AdyenEventCodes.OfferClosed or AdyenEventCodes.Expire when item.IsSuccess => ApplyPaymentOutcomeAsync(message, owner, item,
                new PaymentResult(AttemptStatus.Expired, item.PspReference, RefusalReason: item.EventCode), cancellationToken),
            AdyenEventCodes.Refund or AdyenEventCodes.RefundFailed or AdyenEventCodes.Cancellation or AdyenEventCodes.CancelOrRefund =>
                ApplyModificationAsync(message, owner, item, cancellationToken),
            AdyenEventCodes.RecurringContract => ApplyInTransactionAsync(message.Id, owner, (now, token) => item.IsSuccess
                ? ApplyTokenAsync(TokenChange.Created, ShopperReferenceOf(item), item.PspReference!, item.PaymentMethod, item.OriginalReference, now, token)
                : Task.FromResult<string?>(null), cancellationToken),
            _ => ApplyNoticeAsync(message, owner, item, cancellationToken),
        };
    }

    /// <summary>AUTHORISATION, OFFER_CLOSED, EXPIRE: the one finaliser, with the inbox row saved in the same transaction.</summary>
    private async Task ApplyPaymentOutcomeAsync(WebhookMessage message, string owner, NotificationRequestItem item, PaymentResult result,
        CancellationToken cancellationToken)
    {
        var reference = await FindAttemptReferenceAsync(item, cancellationToken);
        if (reference is null)
        {
            await CompleteAsync(message.Id, owner, $"No payment attempt has pspReference {item.PspReference} or reference {item.MerchantReference}.", cancellationToken);
            return;
        }

        var followUp = false;
        var finalized = await finalizer.ApplyWebhookAsync(reference, result, item.EventCode!, message.Body, async (order, token) =>
        {
            var row = await LoadLeasedAsync(message.Id, owner, token);
            var now = Now;
            row.MarkApplied(now);
            followUp = order.AutomaticRefundsToSubmit.Any();
            if (!followUp)
                row.Complete(WebhookStatus.Processed, now);
        }, cancellationToken);
        if (!finalized.Matched)
            await CompleteAsync(message.Id, owner, $"No payment attempt has reference {reference}.", cancellationToken);
        else if (followUp)
            await SubmitAutomaticRefundsThenCompleteAsync(message.Id, owner, finalized.Order!.Id, cancellationToken);
    }

    private async Task FollowUpAsync(WebhookMessage message, string owner, CancellationToken cancellationToken)
    {
        var item = JsonSerializer.Deserialize<NotificationRequestItem>(message.Body, Json)!;
        var reference = await FindAttemptReferenceAsync(item, cancellationToken);
        var orderId = await db.PaymentAttempts.Where(a => a.Reference == reference).Select(a => (int?)a.OrderId).FirstOrDefaultAsync(cancellationToken);
        if (orderId is { } id)
            await SubmitAutomaticRefundsThenCompleteAsync(message.Id, owner, id, cancellationToken);
        else
            await CompleteAsync(message.Id, owner, null, cancellationToken);
    }

    /// <summary>
    /// Sends the order's automatic refunds through <see cref="ModificationSender"/> (each under its own reference as the
    /// idempotency key, so a retry after a timeout never refunds twice). Adyen unreachable or busy fails the row, to be
    /// retried (the resend sweeper would send them too); Adyen refusing one fails that refund and flags the order.
    /// </summary>
    private async Task SubmitAutomaticRefundsThenCompleteAsync(long messageId, string owner, int orderId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var toSubmit = (await LoadOrderAsync(orderId, cancellationToken))!.AutomaticRefundsToSubmit.Select(m => m.Id).ToList();
        foreach (var refundId in toSubmit)
        {
            // Each refund on a fresh read: a rejection before it may have reloaded the order.
            db.ChangeTracker.Clear();
            var order = (await LoadOrderAsync(orderId, cancellationToken))!;
            if (order.AutomaticRefundsToSubmit.FirstOrDefault(m => m.Id == refundId) is not { } refund)
                continue;
            var sent = await sender.SendAsync(refund, attended: false, cancellationToken);
            if (sent.Error is { } error)
                ExceptionDispatchInfo.Throw(error);
            if (sent.Outcome == ModificationSendOutcome.Received)
                LogRefundSubmitted(logger, refund.Reference, order.Number);
        }
        await CompleteAsync(messageId, owner, null, cancellationToken);
    }

    /// <summary>REFUND, REFUND_FAILED, CANCELLATION, CANCEL_OR_REFUND: the outcome of a modification, ours or made elsewhere.</summary>
    private Task ApplyModificationAsync(WebhookMessage message, string owner, NotificationRequestItem item, CancellationToken cancellationToken) =>
        ApplyInTransactionAsync(message.Id, owner, async (now, token) =>
        {
            var modification = await FindModificationAsync(item, token);
            var order = modification is not null
                ? await LoadOrderAsync(modification.OrderId, token)
                : await FindOrderOfPaymentAsync(item, token);
            if (order is null)
                return $"No order has a modification {item.PspReference} / {item.MerchantReference} or a payment {item.OriginalReference}.";
            modification = modification is null ? null : order.Modifications.Single(m => m.Id == modification.Id);

            var change = ModificationChange.None;
            var recorded = false;
            switch (item.EventCode)
            {
                case AdyenEventCodes.RefundFailed when modification is not null:
                    change = order.ApplyModificationFailure(modification, item.PspReference, NullIfEmpty(item.Reason) ?? "refund failed", now, OrderEventSource.Webhook, message.Body);
                    break;
                case AdyenEventCodes.RefundFailed:
                    order.RecordWebhook(item.EventCode, $"A refund made outside the shop failed: {item.Reason}.", message.Body, now);
                    order.Flag($"Refund {item.PspReference}, made outside the shop, failed ({item.Reason}).", now, OrderEventSource.Webhook);
                    recorded = true;
                    break;
                case not null when modification is not null:
                    change = order.ApplyModificationResult(modification, item.IsSuccess, item.PspReference, NullIfEmpty(item.Reason), now, OrderEventSource.Webhook, message.Body);
                    // Saved with the confirmation, which happens once per refund: one e-mail per refund reference.
                    if (change == ModificationChange.Confirmed && modification.Kind == ModificationKind.Refund)
                        emails.RefundIssued(order, modification);
                    break;
                case AdyenEventCodes.Refund when item.Amount is { } amount && amount.Currency == order.Currency
                    && PaymentOf(order, item) is { Status: AttemptStatus.Authorised } payment:
                    var external = order.RecordExternalRefund(amount.Value, item.PspReference!, item.IsSuccess, NullIfEmpty(item.Reason), now, message.Body, payment);
                    if (item.IsSuccess)
                        emails.RefundIssued(order, external);
                    recorded = true;
                    break;
                default:
                    order.RecordWebhook(item.EventCode!, $"{item.EventCode} ({(item.IsSuccess ? "success" : "failure")}) that the shop did not ask for.", message.Body, now);
                    order.Flag($"{item.EventCode} {item.PspReference} was not asked for by the shop: check it in the Customer Area.", now, OrderEventSource.Webhook);
                    recorded = true;
                    break;
            }
            if (change == ModificationChange.Cancelled && order.TakeStockRelease())
                await finalizer.ReleaseStockAsync(order, token);
            if (change == ModificationChange.None && !recorded)
            {
                order.RecordWebhook(item.EventCode!, $"{item.EventCode} for {modification?.Reference}: nothing to change, it is already {modification?.Status}.",
                    message.Body, now);
            }
            return null;
        }, cancellationToken);

    /// <summary>
    /// CAPTURE (KakaoPay captures at once: timeline only), CAPTURE_FAILED and the chargeback family (timeline and a
    /// flag for the merchandiser), and any event code this build does not act on (timeline only).
    /// </summary>
    private Task ApplyNoticeAsync(WebhookMessage message, string owner, NotificationRequestItem item, CancellationToken cancellationToken) =>
        ApplyInTransactionAsync(message.Id, owner, async (now, token) =>
        {
            var order = await FindOrderOfPaymentAsync(item, token);
            if (order is null)
                return $"{item.EventCode} names no payment we know ({item.OriginalReference ?? item.PspReference} / {item.MerchantReference}).";
            var outcome = item.IsSuccess ? "success" : "failure";
            order.RecordWebhook(item.EventCode!, $"{item.EventCode} ({outcome}) from Adyen{(NullIfEmpty(item.Reason) is { } reason ? $": {reason}" : "")}.",
                message.Body, now);
            if (NeedsReview(item))
                order.Flag($"{item.EventCode} ({outcome}) {item.PspReference}: check it in the Customer Area.", now, OrderEventSource.Webhook);
            return null;
        }, cancellationToken);

    private static bool NeedsReview(NotificationRequestItem item) => item.EventCode switch
    {
        AdyenEventCodes.Capture => !item.IsSuccess,
        AdyenEventCodes.CaptureFailed => true,
        { } code => code.Contains("CHARGEBACK", StringComparison.Ordinal) || code.StartsWith("PREARBITRATION", StringComparison.Ordinal)
            || code == "REQUEST_FOR_INFORMATION",
        _ => false,
    };

    private Task ApplyTokenizationAsync(WebhookMessage message, string owner, CancellationToken cancellationToken)
    {
        var notification = JsonSerializer.Deserialize<TokenizationNotification>(message.Body, Json)
            ?? throw new InvalidOperationException("The stored tokenization webhook is empty.");
        var data = notification.Data!;
        if (!IsOurMerchantAccount(data.MerchantAccount))
            return CompleteAsync(message.Id, owner, $"For merchant account {data.MerchantAccount}, not ours.", cancellationToken);
        TokenChange? change = notification.Type switch
        {
            AdyenEventCodes.TokenCreated => TokenChange.Created,
            AdyenEventCodes.TokenUpdated or AdyenEventCodes.TokenAlreadyExisting => TokenChange.Confirmed,
            AdyenEventCodes.TokenDisabled => TokenChange.Disabled,
            _ => null,
        };
        if (change is not { } tokenChange)
            return CompleteAsync(message.Id, owner, $"Tokenization type {notification.Type} is not one this build handles.", cancellationToken);
        return ApplyInTransactionAsync(message.Id, owner, (now, token) =>
            ApplyTokenAsync(tokenChange, data.ShopperReference, data.StoredPaymentMethodId!, data.Type, firstPspReference: null, now, token),
            cancellationToken);
    }

    /// <summary>
    /// A token for the Identity user who owns <paramref name="shopperReference"/>: created once, disabled, or made
    /// active again. Returns why the row is unmatched, or null.
    /// </summary>
    private async Task<string?> ApplyTokenAsync(TokenChange change, string? shopperReference, string storedPaymentMethodId,
        string? paymentMethodType, string? firstPspReference, DateTime now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(shopperReference))
            return "The token names no shopperReference.";
        var shopperId = await db.Users.Where(u => u.ShopperReference == shopperReference).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        if (shopperId is null)
            return $"No account has shopperReference {shopperReference}.";
        var stored = await db.StoredPaymentMethods.FirstOrDefaultAsync(m => m.StoredPaymentMethodId == storedPaymentMethodId, cancellationToken);
        if (stored is not null && stored.ShopperReference != shopperReference)
            return $"The token belongs to another shopperReference than {shopperReference}.";

        if (stored is not null && firstPspReference is not null)
            stored.RecordFirstPayment(firstPspReference, now);
        switch (change)
        {
            case TokenChange.Created or TokenChange.Confirmed when stored is null:
                var type = string.IsNullOrEmpty(paymentMethodType) ? PaymentMethodTypes.KakaoPay : paymentMethodType;
                db.StoredPaymentMethods.Add(new Account.StoredPaymentMethod(shopperId, shopperReference, storedPaymentMethodId, type,
                    PaymentMethodTypes.DisplayName(type, null), firstPspReference, now));
                LogTokenStored(logger, shopperReference);
                break;
            case TokenChange.Confirmed when stored!.Status == StoredPaymentMethodStatus.Disabled:
                stored.Reactivate(now);
                break;
            case TokenChange.Disabled when stored is { Status: not StoredPaymentMethodStatus.Disabled }:
                stored.Disable(now);
                break;
        }
        return null;
    }

    /// <summary>
    /// Runs <paramref name="apply"/> and completes the row (Processed, or Unmatched with the reason it returns) in
    /// one transaction, again from a fresh read when someone else moved the order meanwhile.
    /// </summary>
    private async Task ApplyInTransactionAsync(long messageId, string owner, Func<DateTime, CancellationToken, Task<string?>> apply,
        CancellationToken cancellationToken)
    {
        for (var tryNumber = 1; ; tryNumber++)
        {
            db.ChangeTracker.Clear();
            var row = await LoadLeasedAsync(messageId, owner, cancellationToken);
            var now = Now;
            var unmatched = await apply(now, cancellationToken);
            if (unmatched is null)
            {
                row.MarkApplied(now);
                row.Complete(WebhookStatus.Processed, now);
            }
            else
            {
                row.Complete(WebhookStatus.Unmatched, now, unmatched);
                LogUnmatched(logger, row.EventCode, row.PspReference, unmatched);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (tryNumber < MaxTries)
            {
                // The order moved (the return page, another webhook): read it again and re-apply.
            }
        }
    }

    /// <summary>Completes the row alone: Processed when <paramref name="unmatched"/> is null, else Unmatched for that reason.</summary>
    private Task CompleteAsync(long messageId, string owner, string? unmatched, CancellationToken cancellationToken) =>
        ApplyInTransactionAsync(messageId, owner, (_, _) => Task.FromResult(unmatched), cancellationToken);

    private async Task FailAsync(long messageId, string owner, Exception exception, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var row = await db.WebhookMessages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (row is null || !row.IsLeasedBy(owner))
            return;
        var settings = options.Value;
        row.Fail($"{exception.GetType().Name}: {exception.GetBaseException().Message}", Now, settings.RetryDelayAfter(row.Attempts), settings.MaxAttempts);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node took the row over: its try counts, not ours.
            return;
        }
        if (row.Status == WebhookStatus.Poisoned)
            LogPoisoned(logger, exception, row.Id, row.EventCode, row.Attempts);
        else
            LogFailed(logger, exception, row.Id, row.EventCode, row.Attempts, row.NextAttemptAt);
    }

    private async Task<WebhookMessage> LoadLeasedAsync(long messageId, string owner, CancellationToken cancellationToken)
    {
        var row = await db.WebhookMessages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        return row is not null && row.IsLeasedBy(owner) ? row : throw new WebhookLeaseLostException();
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

    private static PaymentAttempt? PaymentOf(Order order, NotificationRequestItem item) =>
        order.Attempts.FirstOrDefault(a => a.PspReference is not null && a.PspReference == item.OriginalReference) ?? order.Payment;

    private bool IsOurMerchantAccount(string? merchantAccount) =>
        string.IsNullOrEmpty(merchantAccount) || string.Equals(merchantAccount, adyenOptions.CurrentValue.MerchantAccount, StringComparison.Ordinal);

    /// <summary>RECURRING_CONTRACT names the shopper in <c>additionalData</c>, under either key.</summary>
    private static string? ShopperReferenceOf(NotificationRequestItem item) =>
        item.AdditionalData?.GetValueOrDefault("shopperReference") ?? item.AdditionalData?.GetValueOrDefault("recurring.shopperReference");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private enum TokenChange
    {
        /// <summary>RECURRING_CONTRACT or recurring.token.created: stored once.</summary>
        Created,

        /// <summary>recurring.token.updated or alreadyExisting: stored if missing, active again if disabled.</summary>
        Confirmed,

        Disabled,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Automatic refund {Reference} of order {OrderNumber} sent to Adyen")]
    private static partial void LogRefundSubmitted(ILogger logger, string reference, string orderNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored payment method saved for shopper {ShopperReference}")]
    private static partial void LogTokenStored(ILogger logger, string shopperReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventCode} {PspReference} unmatched: {Reason}")]
    private static partial void LogUnmatched(ILogger logger, string eventCode, string? pspReference, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook row {MessageId} ({EventCode}) failed on try {Attempts}; retried at {NextAttemptAt:O}")]
    private static partial void LogFailed(ILogger logger, Exception exception, long messageId, string eventCode, int attempts, DateTime nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook row {MessageId} ({EventCode}) poisoned after {Attempts} tries: a merchandiser must reprocess it")]
    private static partial void LogPoisoned(ILogger logger, Exception exception, long messageId, string eventCode, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook row {MessageId}: lease lost to another worker; left to it")]
    private static partial void LogLeaseLost(ILogger logger, long messageId);
}

/// <summary>Another worker took the row over (our lease expired): whatever we did is rolled back and left to it.</summary>
internal sealed class WebhookLeaseLostException() : Exception("The webhook row's lease was taken over by another worker.");
