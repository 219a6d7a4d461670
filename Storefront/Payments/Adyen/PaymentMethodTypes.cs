namespace Storefront.Payments.Adyen;

/// <summary>
/// The payment method types (Adyen's <c>paymentMethod.type</c>) the shop knows by name, and the name and logo a
/// shopper or a merchandiser sees for any type.
/// </summary>
public static class PaymentMethodTypes
{
    public const string KakaoPay = "kakaopay";

    public const string Ideal = "ideal";

    /// <summary>Our own name for a type we know; else the name Adyen gave it; else the type itself.</summary>
    public static string DisplayName(string type, string? name = null) => type switch
    {
        KakaoPay => "KakaoPay",
        _ => string.IsNullOrWhiteSpace(name) ? type : name,
    };

    private static readonly HashSet<string> LocalLogos = [KakaoPay, Ideal];

    /// <summary>
    /// The logo, served from our own static files so that pages do not depend on Adyen's CDN; null for a method
    /// without one, which is shown by name.
    /// </summary>
    public static string? LogoPath(string type) => LocalLogos.Contains(type) ? $"/images/payment-methods/{type}.svg" : null;
}
