using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// Applies one claimed inbox row: reads Adyen's message, checks that it is for our merchant account and hands it to
/// the handler of its kind (<see cref="IPaymentWebhooks"/>, <see cref="ITokenWebhooks"/>). The handler's changes and
/// the row's completion are saved in one transaction guarded by the row's lease, so a row is applied once even when a
/// node dies after the commit. A failure is recorded on the row, to be retried with backoff.
/// </summary>
public sealed partial class WebhookProcessor(
    StorefrontDbContext db,
    IPaymentWebhooks payments,
    ITokenWebhooks tokens,
    IOptionsMonitor<AdyenOptions> adyenOptions,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookProcessor> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Applies the row if <paramref name="owner"/> still holds its lease; a failure is recorded on the row for a retry.</summary>
    public async Task ProcessAsync(long messageId, string owner, CancellationToken cancellationToken)
    {
        var message = await db.WebhookMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null || !message.IsLeasedBy(owner))
            return;
        using var activity = WebhookTelemetry.StartProcessing(message);
        try
        {
            // A row applied on an earlier try whose follow-up failed has only the follow-up left.
            var followUp = message.AppliedAt is not null || await ApplyAsync(message, owner, Handler(message, cancellationToken), cancellationToken);
            if (followUp)
            {
                if (message.Kind == WebhookKind.Standard)
                    await payments.FollowUpAsync(StandardItem(message), cancellationToken);
                await ApplyAsync(message, owner, _ => Task.FromResult(WebhookOutcome.Applied), cancellationToken);
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

    /// <summary>Who applies the message, and how: by its kind and event code.</summary>
    private Func<DateTime, Task<WebhookOutcome>> Handler(WebhookMessage message, CancellationToken cancellationToken)
    {
        if (message.Kind == WebhookKind.Tokenization)
            return TokenizationHandler(message, cancellationToken);
        var item = StandardItem(message);
        if (!IsOurMerchantAccount(item.MerchantAccountCode))
            return Unmatched($"For merchant account {item.MerchantAccountCode}, not ours.");
        return item.EventCode switch
        {
            AdyenEventCodes.Authorisation => now => payments.PaymentOutcomeAsync(item, message.Body, now, cancellationToken),
            AdyenEventCodes.OfferClosed or AdyenEventCodes.Expire when item.IsSuccess =>
                now => payments.PaymentOutcomeAsync(item, message.Body, now, cancellationToken),
            AdyenEventCodes.Refund or AdyenEventCodes.RefundFailed or AdyenEventCodes.Cancellation or AdyenEventCodes.CancelOrRefund =>
                now => payments.ModificationOutcomeAsync(item, message.Body, now, cancellationToken),
            // A failed RECURRING_CONTRACT made no token: nothing to store.
            AdyenEventCodes.RecurringContract when !item.IsSuccess => _ => Task.FromResult(WebhookOutcome.Applied),
            AdyenEventCodes.RecurringContract => now => tokens.TokenChangedAsync(
                new TokenChange(TokenChangeKind.Created, ShopperReferenceOf(item), item.PspReference!, item.PaymentMethod, item.OriginalReference),
                now, cancellationToken),
            _ => now => payments.NoticeAsync(item, message.Body, now, cancellationToken),
        };
    }

    private Func<DateTime, Task<WebhookOutcome>> TokenizationHandler(WebhookMessage message, CancellationToken cancellationToken)
    {
        var notification = JsonSerializer.Deserialize<TokenizationNotification>(message.Body, Json)
            ?? throw new InvalidOperationException("The stored tokenization webhook is empty.");
        var data = notification.Data!;
        if (!IsOurMerchantAccount(data.MerchantAccount))
            return Unmatched($"For merchant account {data.MerchantAccount}, not ours.");
        TokenChangeKind? kind = notification.Type switch
        {
            AdyenEventCodes.TokenCreated => TokenChangeKind.Created,
            AdyenEventCodes.TokenUpdated or AdyenEventCodes.TokenAlreadyExisting => TokenChangeKind.Confirmed,
            AdyenEventCodes.TokenDisabled => TokenChangeKind.Disabled,
            _ => null,
        };
        if (kind is not { } known)
            return Unmatched($"Tokenization type {notification.Type} is not one this build handles.");
        var change = new TokenChange(known, data.ShopperReference, data.StoredPaymentMethodId!, data.Type, FirstPspReference: null);
        return now => tokens.TokenChangedAsync(change, now, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="handle"/> and completes the row (Processed, or Unmatched with the reason) in one transaction,
    /// again from a fresh read when someone else moved the order meanwhile. True when a follow-up is left to do.
    /// </summary>
    private Task<bool> ApplyAsync(WebhookMessage message, string owner, Func<DateTime, Task<WebhookOutcome>> handle,
        CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync(async () =>
        {
            var row = await LoadLeasedAsync(message.Id, owner, cancellationToken);
            var now = Now;
            var outcome = await handle(now);
            if (outcome.UnmatchedReason is { } unmatched)
            {
                row.Complete(WebhookStatus.Unmatched, now, unmatched);
                LogUnmatched(logger, row.EventCode, row.PspReference, unmatched);
            }
            else
            {
                row.MarkApplied(now);
                if (!outcome.NeedsFollowUp)
                    row.Complete(WebhookStatus.Processed, now);
            }
            await db.SaveChangesAsync(cancellationToken);
            return outcome.NeedsFollowUp;
        });

    /// <summary>Records the failed try on the row, on a fresh read: whatever the try changed is dropped.</summary>
    private async Task FailAsync(long messageId, string owner, Exception exception, CancellationToken cancellationToken)
    {
        WebhookMessage? row;
        try
        {
            row = await db.UnitOfWorkAsync(async () =>
            {
                var leased = await db.WebhookMessages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
                if (leased is null || !leased.IsLeasedBy(owner))
                    return null;
                var settings = options.Value;
                leased.Fail($"{exception.GetType().Name}: {exception.GetBaseException().Message}", Now, settings.RetryDelayAfter(leased.Attempts),
                    settings.MaxAttempts);
                await db.SaveChangesAsync(cancellationToken);
                return leased;
            }, RetryOn.Never);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node took the row over: its try counts, not ours.
            return;
        }
        if (row is null)
            return;
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

    private static Func<DateTime, Task<WebhookOutcome>> Unmatched(string reason) => _ => Task.FromResult(WebhookOutcome.Unmatched(reason));

    private static NotificationRequestItem StandardItem(WebhookMessage message) =>
        JsonSerializer.Deserialize<NotificationRequestItem>(message.Body, Json)
        ?? throw new InvalidOperationException("The stored notification item is empty.");

    private bool IsOurMerchantAccount(string? merchantAccount) =>
        string.IsNullOrEmpty(merchantAccount) || string.Equals(merchantAccount, adyenOptions.CurrentValue.MerchantAccount, StringComparison.Ordinal);

    /// <summary>RECURRING_CONTRACT names the shopper in <c>additionalData</c>, under either key.</summary>
    private static string? ShopperReferenceOf(NotificationRequestItem item) =>
        item.AdditionalData?.GetValueOrDefault("shopperReference") ?? item.AdditionalData?.GetValueOrDefault("recurring.shopperReference");

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
