using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Payments.Adyen;

namespace Storefront.Orders;

/// <summary>
/// THE one place a saved refund or reversal goes to Adyen: under its reference as <c>reference</c> and as the
/// idempotency key, so sending it again (a retry, "Send again", the resend sweeper, a second node) never gives money
/// back twice (F19, docs/payment-failure-modes.md). A 201 only means "received": the pspReference is recorded and the
/// modification stays requested until Adyen's webhook (F21, docs/payment-failure-modes.md). Adyen refusing the request
/// outright fails it at once, its amount refundable again.
/// </summary>
/// <remarks>The modification must be tracked by this scope's context with its order (and the order's modifications) and payment loaded.</remarks>
public sealed partial class ModificationSender(StorefrontDbContext db, IAdyenCheckout adyen, TimeProvider time, OrderMetrics metrics,
    ILogger<ModificationSender> logger)
{
    /// <summary>The failure reason's column width.</summary>
    private const int MaxFailureLength = 500;

    /// <summary>
    /// Sends modification <paramref name="modificationId"/> on a fresh read of its order, if Adyen has still not received
    /// it (<see cref="PaymentModification.CanSendAgain"/>): the resend sweeper's and the webhook worker's way in. Null when
    /// there is nothing left to send (received or settled meanwhile).
    /// </summary>
    public Task<ModificationSent?> SendIfUnsentAsync(int modificationId, bool attended, CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync(async () =>
        {
            var order = await LoadOrderAsync(o => o.Modifications.Any(m => m.Id == modificationId), cancellationToken);
            var modification = order.Modifications.Single(m => m.Id == modificationId);
            return modification.CanSendAgain ? await SendAsync(modification, attended, cancellationToken) : null;
        }, RetryOn.Never);

    /// <param name="attended">
    /// A merchandiser sees the answer as it happens; otherwise (the webhook worker, the sweeper) a rejection also
    /// flags the order, so that someone finds out.
    /// </param>
    public async Task<ModificationSent> SendAsync(PaymentModification modification, bool attended, CancellationToken cancellationToken)
    {
        if (modification.Payment.PspReference is not { } paymentPspReference)
            return await RejectAsync(modification, "the payment has no Adyen pspReference", attended, cancellationToken);
        try
        {
            var response = modification.Kind == ModificationKind.Refund
                ? await adyen.RefundAsync(paymentPspReference, new PaymentRefundRequest
                {
                    Amount = Amount.From(modification.Total),
                    Reference = modification.Reference,
                }, modification.IdempotencyKey, cancellationToken)
                : await adyen.ReversalAsync(paymentPspReference, new PaymentReversalRequest
                {
                    Reference = modification.Reference,
                }, modification.IdempotencyKey, cancellationToken);
            modification.RecordSubmitted(response.PspReference);
            await db.SaveChangesAsync(cancellationToken);
            LogSubmitted(logger, modification.Reference, response.PspReference);
            metrics.Requested(modification.Kind);
            return new ModificationSent(ModificationSendOutcome.Received);
        }
        catch (AdyenRequestRejectedException ex)
        {
            LogRejected(logger, modification.Reference, ex.ErrorCode);
            var message = ex.Error?.Message is { Length: > 0 } text ? $"{text} ({ex.ErrorCode})" : ex.Message;
            return await RejectAsync(modification, message.Length <= MaxFailureLength ? message : message[..MaxFailureLength], attended,
                cancellationToken);
        }
        catch (AdyenRequestInProgressException ex)
        {
            LogInProgress(logger, modification.Reference);
            return new ModificationSent(ModificationSendOutcome.InProgress, Error: ex);
        }
        catch (AdyenException ex)
        {
            LogUnavailable(logger, modification.Reference, ex.Operation);
            return new ModificationSent(ModificationSendOutcome.Unavailable, Error: ex);
        }
    }

    /// <summary>Adyen refused the request outright: the modification fails at once and its amount is refundable again.</summary>
    private async Task<ModificationSent> RejectAsync(PaymentModification modification, string message, bool attended,
        CancellationToken cancellationToken)
    {
        var (orderId, reference) = (modification.OrderId != 0 ? modification.OrderId : modification.Order.Id, modification.Reference);
        var flag = !attended || modification.IsAutomatic;
        // On a fresh read: a webhook or a merchandiser may have moved the order since the caller read it.
        await db.UnitOfWorkAsync(async () =>
        {
            var order = await LoadOrderAsync(o => o.Id == orderId, cancellationToken);
            order.RejectModification(order.Modifications.Single(m => m.Reference == reference), message, time.GetUtcNow().UtcDateTime, flag);
            await db.SaveChangesAsync(cancellationToken);
            metrics.Settled(modification.Kind, ModificationChange.Failed);
        });
        return new ModificationSent(ModificationSendOutcome.Rejected, message);
    }

    private Task<Order> LoadOrderAsync(Expression<Func<Order, bool>> match, CancellationToken cancellationToken) =>
        db.Orders.Include(o => o.Attempts).Include(o => o.Modifications).AsSplitQuery().FirstAsync(match, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Modification {Reference} received by Adyen as {PspReference}")]
    private static partial void LogSubmitted(ILogger logger, string reference, string pspReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adyen rejected modification {Reference} with error code {ErrorCode}")]
    private static partial void LogRejected(ILogger logger, string reference, string? errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Modification {Reference}: Adyen is still working on the same request; it stays requested")]
    private static partial void LogInProgress(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modification {Reference} not sent: Adyen {Operation} unavailable; it stays requested")]
    private static partial void LogUnavailable(ILogger logger, string reference, string operation);
}

public enum ModificationSendOutcome
{
    /// <summary>Adyen received it (201) and its pspReference is recorded; the webhook will confirm or reject it.</summary>
    Received,

    /// <summary>Adyen refused the request: the modification failed, its amount is refundable again.</summary>
    Rejected,

    /// <summary>Adyen is still working on the same idempotency key: it stays requested.</summary>
    InProgress,

    /// <summary>Adyen could not be reached or answered with an error: not sent, it stays requested.</summary>
    Unavailable,
}

/// <param name="RejectionMessage">Adyen's reason, when <see cref="ModificationSendOutcome.Rejected"/>.</param>
/// <param name="Error">What went wrong, when in progress or unavailable.</param>
public sealed record ModificationSent(ModificationSendOutcome Outcome, string? RejectionMessage = null, AdyenException? Error = null);
