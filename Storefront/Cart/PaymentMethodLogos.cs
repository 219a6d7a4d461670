namespace Storefront.Cart;

/// <summary>
/// Logos for the payment methods Adyen offers, served from our own static files so the page does not
/// depend on Adyen's CDN. A method without a local logo is shown by name.
/// </summary>
public static class PaymentMethodLogos
{
    private static readonly HashSet<string> Local = ["kakaopay", "ideal"];

    public static string? PathFor(string type) => Local.Contains(type) ? $"/images/payment-methods/{type}.svg" : null;

    public static string DisplayName(string type, string? name) => type switch
    {
        "kakaopay" => "KakaoPay",
        _ => string.IsNullOrWhiteSpace(name) ? type : name,
    };
}
