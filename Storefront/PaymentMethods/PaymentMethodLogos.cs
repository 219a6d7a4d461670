using Storefront.Payments.Adyen;

namespace Storefront.PaymentMethods;

/// <summary>
/// Logos for the payment methods Adyen offers, served from our own static files so the page does not
/// depend on Adyen's CDN. A method without a local logo is shown by name.
/// </summary>
public static class PaymentMethodLogos
{
    private static readonly HashSet<string> Local = [PaymentMethodTypes.KakaoPay, PaymentMethodTypes.Ideal];

    public static string? PathFor(string type) => Local.Contains(type) ? $"/images/payment-methods/{type}.svg" : null;
}
