using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Storefront.Account;
using Storefront.Payments.Adyen;
using Storefront.Shared;

namespace Storefront.PaymentMethods;

/// <summary>
/// Which payment methods a payment can use: what Adyen offers for its exact amount, currency and country
/// (F16, docs/payment-failure-modes.md) and, for a signed-in shopper, their saved methods that Adyen offers too. The
/// cart, the checkout, a reorder and another try at a failed order all ask here.
/// </summary>
public sealed partial class PaymentMethodsQuery(
    IAdyenCheckout adyen,
    UserManager<Shopper> users,
    SavedPaymentMethods savedMethods,
    IOptions<AdyenOptions> adyenOptions,
    ILogger<PaymentMethodsQuery> logger)
{
    /// <summary>The one method a signed-in shopper can save for later, with their consent.</summary>
    public const string SavableMethod = PaymentMethodTypes.KakaoPay;

    /// <summary>
    /// The methods Adyen offers for paying <paramref name="total"/> in <paramref name="market"/> and, when
    /// <paramref name="shopperId"/> names a shopper, their saved methods that Adyen offers too (asked with the shopper's
    /// shopperReference, matched with our active rows): those come first. Nothing is offered for nothing to pay.
    /// </summary>
    public async Task<PaymentMethodsResult> ForAsync(Market market, Money total, string? shopperId, CancellationToken cancellationToken)
    {
        if (total.MinorUnits <= 0)
            return PaymentMethodsResult.None;
        var shopper = shopperId is null ? null : await users.FindByIdAsync(shopperId);
        try
        {
            var response = await adyen.PaymentMethodsAsync(new PaymentMethodsRequest
            {
                CountryCode = market.Country,
                Amount = Amount.From(total),
                Channel = Channel.Web,
                ShopperLocale = market.Locale,
                ShopperReference = shopper?.ShopperReference,
            }, cancellationToken);
            if (response.PaymentMethods.Count == 0)
                LogNoPaymentMethods(logger, market.Country, market.Currency);
            return new PaymentMethodsResult(response.PaymentMethods, Unavailable: false)
            {
                Saved = shopper is null
                    ? []
                    : await savedMethods.OfferableAsync(shopper, response, adyenOptions.Value.RecurringProcessingModel, cancellationToken),
                OffersSaving = shopper is not null && response.PaymentMethods.Any(m => m.Type == SavableMethod),
            };
        }
        catch (AdyenException ex)
        {
            LogPaymentMethodsFailed(logger, ex.Operation, ex.StatusCode is { } s ? (int)s : null);
            return new PaymentMethodsResult([], Unavailable: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adyen offered no payment method for {Country} in {Currency}")]
    private static partial void LogNoPaymentMethods(ILogger logger, string country, string currency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adyen {Operation} failed (status {Status}); showing no payment methods")]
    private static partial void LogPaymentMethodsFailed(ILogger logger, string operation, int? status);
}

public sealed record PaymentMethodsResult(IReadOnlyList<PaymentMethod> Methods, bool Unavailable)
{
    /// <summary>Nothing on offer, and nothing went wrong: there is nothing to pay, or nothing to ask about.</summary>
    public static readonly PaymentMethodsResult None = new([], Unavailable: false);

    /// <summary>The signed-in shopper's saved methods that Adyen offers for this payment; shown first.</summary>
    public IReadOnlyList<SavedMethodOption> Saved { get; init; } = [];

    /// <summary>The shopper may save KakaoPay with this payment: signed in, and Adyen offers KakaoPay here.</summary>
    public bool OffersSaving { get; init; }

    /// <summary>
    /// The shopper has a way to pay: Adyen answered and offers a method (or a saved one). Without it the cart offers no
    /// checkout and the checkout shows no form.
    /// </summary>
    public bool CanPay => !Unavailable && (Methods.Count > 0 || Saved.Count > 0);

    /// <summary>True when Adyen offers this method type here.</summary>
    public bool Offers(string type) => Methods.Any(m => m.Type == type);
}
