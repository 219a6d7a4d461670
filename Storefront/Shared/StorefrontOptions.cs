using System.ComponentModel.DataAnnotations;

namespace Storefront.Shared;

public sealed class StorefrontOptions
{
    public const string Section = "Storefront";

    /// <summary>Absolute base URL used for Adyen's returnUrl and links in emails, e.g. https://shop.example.kr.</summary>
    [Url(ErrorMessage = "Storefront:PublicBaseUrl must be an absolute http(s) URL such as https://shop.example.com.")]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Country used when neither the picker cookie nor the browser language names a market we sell to.</summary>
    [RegularExpression("^(KR|US|JP|GB|DE|FR|NL)$",
        ErrorMessage = "Storefront:DefaultCountry must be one of KR, US, JP, GB, DE, FR, NL.")]
    public string DefaultCountry { get; set; } = "US";
}
