using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Account;

/// <summary>
/// A signed-in user's saved KakaoPay: what the account page lists (reconciled with Adyen, which is the source of
/// truth), what checkout may offer, removal, and what a payment with a token did to it. Every lookup is by the
/// owning user and their own shopperReference: a row id from a form is never trusted on its own. Tokens themselves
/// only arrive by webhook (<see cref="TokenChangedAsync"/>).
/// </summary>
public sealed partial class SavedPaymentMethods(
    StorefrontDbContext db,
    IAdyenCheckout adyen,
    TimeProvider time,
    ILogger<SavedPaymentMethods> logger) : ITokenWebhooks
{
    /// <summary>
    /// How long after a payment that asked to save KakaoPay the account page says it is being saved. Adyen sends
    /// the token by webhook once the payment settles, normally within minutes; past a day something went wrong
    /// (the shopper did not consent, or recurring is off for the merchant account) and the promise is dropped.
    /// </summary>
    public static readonly TimeSpan SavingWindow = TimeSpan.FromHours(24);

    /// <summary>Adyen's errorCode for an unknown token ("Contract not found").</summary>
    public const string ContractNotFound = "800";

    private const int MaxTokenLength = 64;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The account page's list, after reconciling it with <c>GET /storedPaymentMethods</c>.</summary>
    public async Task<SavedMethodsOverview> OverviewAsync(Shopper shopper, CancellationToken cancellationToken)
    {
        var reconciled = await ReconcileAsync(shopper, cancellationToken);
        var methods = await db.StoredPaymentMethods.AsNoTracking()
            .Where(m => m.ShopperId == shopper.Id && m.Status != StoredPaymentMethodStatus.Disabled)
            .ToListAsync(cancellationToken);
        return new SavedMethodsOverview(
            methods.OrderBy(m => m.CreatedAt).ToList(),
            await BeingSavedAsync(shopper.Id, cancellationToken),
            AdyenUnreachable: !reconciled);
    }

    /// <summary>
    /// The user's active tokens that Adyen also offers for this payment (its <c>storedPaymentMethods</c> for the user's
    /// shopperReference), for a method Adyen offers here and usable with ContAuth and our recurring model.
    /// </summary>
    public async Task<IReadOnlyList<SavedMethodOption>> OfferableAsync(Shopper shopper, PaymentMethodsResponse offered,
        RecurringProcessingModel model, CancellationToken cancellationToken)
    {
        if (offered.StoredPaymentMethods.Count == 0)
            return [];
        var rows = await db.StoredPaymentMethods.AsNoTracking()
            .Where(m => m.ShopperId == shopper.Id && m.ShopperReference == shopper.ShopperReference && m.Status == StoredPaymentMethodStatus.Active)
            .ToListAsync(cancellationToken);
        return rows
            .Where(row => offered.PaymentMethods.Any(m => m.Type == row.PaymentMethodType)
                && offered.StoredPaymentMethods.Any(token => token.Id == row.StoredPaymentMethodId
                    && token.Type == row.PaymentMethodType
                    && token.SupportedShopperInteractions?.Contains(nameof(ShopperInteraction.ContAuth)) != false
                    && token.SupportedRecurringProcessingModels?.Contains(model.ToString()) != false))
            .OrderByDescending(row => row.LastUsedAt ?? row.CreatedAt)
            .Select(row => new SavedMethodOption(row.Id, row.PaymentMethodType,
                PaymentMethodTypes.DisplayName(row.PaymentMethodType, row.DisplayName), row.CreatedAt, row.StoredPaymentMethodId))
            .ToList();
    }

    /// <summary>
    /// Removes one of the user's own saved methods: at Adyen first (<c>DELETE /storedPaymentMethods/{id}</c>), then
    /// here. When Adyen cannot be reached nothing changes, so the list never claims a removal Adyen did not make.
    /// </summary>
    public async Task<RemoveOutcome> RemoveAsync(Shopper shopper, int id, CancellationToken cancellationToken)
    {
        var method = await db.StoredPaymentMethods.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == id && m.ShopperId == shopper.Id && m.ShopperReference == shopper.ShopperReference
                && m.Status != StoredPaymentMethodStatus.Disabled, cancellationToken);
        if (method is null)
            return RemoveOutcome.NotFound;
        try
        {
            await adyen.DeleteStoredPaymentMethodAsync(method.StoredPaymentMethodId, shopper.ShopperReference, cancellationToken);
        }
        catch (AdyenRequestRejectedException ex) when (ex.ErrorCode == ContractNotFound)
        {
            // Already gone at Adyen: removing it here as well is what the shopper asked for.
        }
        catch (AdyenException ex)
        {
            LogRemoveFailed(logger, method.Id, ex.GetType().Name, ex.ErrorCode);
            return RemoveOutcome.Unavailable;
        }
        await UpdateAsync(method.StoredPaymentMethodId, shopper.Id, m => m.Disable(Now), cancellationToken);
        LogRemoved(logger, method.Id);
        return RemoveOutcome.Removed;
    }

    /// <summary>What a payment with the token told us: used, refused (failing until it works again), or gone at Adyen.</summary>
    public Task RecordPaymentAsync(string shopperId, string storedPaymentMethodId, TokenPaymentOutcome outcome, CancellationToken cancellationToken) =>
        UpdateAsync(storedPaymentMethodId, shopperId, method =>
        {
            switch (outcome)
            {
                case TokenPaymentOutcome.Used:
                    method.MarkUsed(Now);
                    break;
                case TokenPaymentOutcome.Refused:
                    method.MarkFailing(Now);
                    break;
                case TokenPaymentOutcome.Gone:
                    method.Disable(Now);
                    break;
            }
        }, cancellationToken);

    /// <summary>
    /// A token Adyen created, confirmed or disabled, for the Identity user who owns its shopperReference: stored once,
    /// disabled, or made active again. Like every webhook handler it does not save: the inbox saves the change with
    /// its row (<see cref="ITokenWebhooks"/>).
    /// </summary>
    public async Task<WebhookOutcome> TokenChangedAsync(TokenChange change, DateTime now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(change.ShopperReference))
            return WebhookOutcome.Unmatched("The token names no shopperReference.");
        var shopperReference = change.ShopperReference;
        var shopperId = await db.Users.Where(u => u.ShopperReference == shopperReference).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        if (shopperId is null)
            return WebhookOutcome.Unmatched($"No account has shopperReference {shopperReference}.");
        var stored = await db.StoredPaymentMethods.FirstOrDefaultAsync(m => m.StoredPaymentMethodId == change.StoredPaymentMethodId, cancellationToken);
        if (stored is not null && stored.ShopperReference != shopperReference)
            return WebhookOutcome.Unmatched($"The token belongs to another shopperReference than {shopperReference}.");

        if (stored is not null && change.FirstPspReference is not null)
            stored.RecordFirstPayment(change.FirstPspReference, now);
        switch (change.Kind)
        {
            case TokenChangeKind.Created or TokenChangeKind.Confirmed when stored is null:
                var type = string.IsNullOrEmpty(change.PaymentMethodType) ? PaymentMethodTypes.KakaoPay : change.PaymentMethodType;
                db.StoredPaymentMethods.Add(new StoredPaymentMethod(shopperId, shopperReference, change.StoredPaymentMethodId, type,
                    PaymentMethodTypes.DisplayName(type, null), change.FirstPspReference, now));
                LogTokenStored(logger, shopperReference);
                break;
            case TokenChangeKind.Confirmed when stored!.Status == StoredPaymentMethodStatus.Disabled:
                stored.Reactivate(now);
                break;
            case TokenChangeKind.Disabled when stored is { Status: not StoredPaymentMethodStatus.Disabled }:
                stored.Disable(now);
                break;
        }
        return WebhookOutcome.Applied;
    }

    /// <summary>
    /// Adyen is the source of truth: a local token Adyen no longer has is disabled, one it has again is reactivated,
    /// and one it has for this shopperReference that we lack is added. False when Adyen could not be asked.
    /// </summary>
    private async Task<bool> ReconcileAsync(Shopper shopper, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredPaymentMethodResource> atAdyen;
        try
        {
            atAdyen = (await adyen.ListStoredPaymentMethodsAsync(shopper.ShopperReference, cancellationToken)).StoredPaymentMethods
                .Where(t => t.Id is { Length: > 0 and <= MaxTokenLength } && (t.ShopperReference is null || t.ShopperReference == shopper.ShopperReference))
                .ToList();
        }
        catch (AdyenException ex)
        {
            LogReconcileFailed(logger, ex.GetType().Name, ex.ErrorCode);
            return false;
        }

        // The token webhook may store or change a row meanwhile: the unit reads again.
        return await db.UnitOfWorkAsync(async () =>
        {
            var now = Now;
            var local = await db.StoredPaymentMethods.Where(m => m.ShopperId == shopper.Id).ToListAsync(cancellationToken);
            foreach (var method in local)
            {
                var known = atAdyen.Any(t => t.Id == method.StoredPaymentMethodId);
                if (!known && method.Status != StoredPaymentMethodStatus.Disabled)
                    method.Disable(now);
                else if (known && method.Status == StoredPaymentMethodStatus.Disabled)
                    method.Reactivate(now);
            }
            var missing = atAdyen.Where(t => local.All(m => m.StoredPaymentMethodId != t.Id)).ToList();
            var missingIds = missing.Select(t => t.Id).ToList();
            // A token id is unique: one held by another user's row is never moved over (it cannot be this shopperReference's).
            var heldElsewhere = await db.StoredPaymentMethods.Where(m => missingIds.Contains(m.StoredPaymentMethodId))
                .Select(m => m.StoredPaymentMethodId).ToListAsync(cancellationToken);
            foreach (var token in missing.Where(t => !heldElsewhere.Contains(t.Id)))
            {
                var type = token.Type is { Length: > 0 and <= 64 } t ? t : "unknown";
                var name = PaymentMethodTypes.DisplayName(type, token.Name);
                db.StoredPaymentMethods.Add(new StoredPaymentMethod(shopper.Id, shopper.ShopperReference, token.Id, type,
                    name.Length > 100 ? name[..100] : name, firstPspReference: null, now));
            }
            var changes = await db.SaveChangesAsync(cancellationToken);
            if (changes > 0)
                LogReconciled(logger, changes);
            return true;
        }, RetryOn.ConflictOrDuplicate);
    }

    /// <summary>
    /// Payments of this user that asked to save their method, were authorised within <see cref="SavingWindow"/>, and
    /// have no token yet: neither one created by that payment nor one added since.
    /// </summary>
    private async Task<IReadOnlyList<MethodBeingSaved>> BeingSavedAsync(string shopperId, CancellationToken cancellationToken)
    {
        var since = Now - SavingWindow;
        var payments = (await db.PaymentAttempts.AsNoTracking()
                .Where(a => a.StorePaymentMethod && a.Status == AttemptStatus.Authorised && a.Order.ShopperId == shopperId)
                .Select(a => new { a.PaymentMethodType, a.PspReference, a.CompletedAt })
                .ToListAsync(cancellationToken))
            .Where(a => a.CompletedAt >= since)
            .ToList();
        if (payments.Count == 0)
            return [];
        var tokens = await db.StoredPaymentMethods.AsNoTracking().Where(m => m.ShopperId == shopperId)
            .Select(m => new { m.FirstPspReference, m.CreatedAt }).ToListAsync(cancellationToken);
        return payments
            .Where(p => !tokens.Any(t => (t.FirstPspReference is not null && t.FirstPspReference == p.PspReference) || t.CreatedAt >= p.CompletedAt))
            .Select(p => new MethodBeingSaved(PaymentMethodTypes.DisplayName(p.PaymentMethodType, null), p.CompletedAt!.Value))
            .ToList();
    }

    private Task UpdateAsync(string storedPaymentMethodId, string shopperId, Action<StoredPaymentMethod> change, CancellationToken cancellationToken) =>
        // A webhook may change the row meanwhile: the unit applies the change to the fresh one.
        db.UnitOfWorkAsync(async () =>
        {
            var method = await db.StoredPaymentMethods
                .FirstOrDefaultAsync(m => m.StoredPaymentMethodId == storedPaymentMethodId && m.ShopperId == shopperId, cancellationToken);
            if (method is null)
                return;
            change(method);
            await db.SaveChangesAsync(cancellationToken);
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved payment method {MethodId} removed")]
    private static partial void LogRemoved(ILogger logger, int methodId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved payment method {MethodId} not removed: Adyen failed ({Error} {ErrorCode})")]
    private static partial void LogRemoveFailed(ILogger logger, int methodId, string error, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored payment methods not reconciled: Adyen failed ({Error} {ErrorCode}); showing the local list")]
    private static partial void LogReconcileFailed(ILogger logger, string error, string? errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored payment method saved for shopper {ShopperReference}")]
    private static partial void LogTokenStored(ILogger logger, string shopperReference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored payment methods reconciled with Adyen: {Changes} row(s) changed")]
    private static partial void LogReconciled(ILogger logger, int changes);
}

/// <summary>A saved method checkout may offer. <see cref="FormValue"/> names our row, never Adyen's token.</summary>
/// <param name="StoredPaymentMethodId">Adyen's token: sent to Adyen only, never written into a page.</param>
public sealed record SavedMethodOption(int Id, string Type, string Name, DateTime AddedAt, string StoredPaymentMethodId)
{
    private const string Prefix = "saved:";

    /// <summary>The value of the payment-method choice in a form.</summary>
    public string FormValue => Prefix + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The row id a form's choice names, or null when it names a method type instead.</summary>
    public static int? IdFromFormValue(string? value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal)
        && int.TryParse(value.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}

public sealed record SavedMethodsOverview(IReadOnlyList<StoredPaymentMethod> Methods, IReadOnlyList<MethodBeingSaved> BeingSaved, bool AdyenUnreachable);

/// <summary>A payment asked to save <see cref="Name"/>, and its token has not arrived yet.</summary>
public sealed record MethodBeingSaved(string Name, DateTime PaidAt);

public enum RemoveOutcome
{
    Removed,

    /// <summary>Not one of this user's saved methods (or already removed): nothing changed.</summary>
    NotFound,

    /// <summary>Adyen could not be reached: nothing changed, try again later.</summary>
    Unavailable,
}

public enum TokenPaymentOutcome
{
    Used,
    Refused,

    /// <summary>Adyen no longer knows the token (errorCode 800).</summary>
    Gone,
}
