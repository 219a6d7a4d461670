using System.ComponentModel.DataAnnotations;

namespace Storefront.Shared;

public sealed class StorefrontOptions : IValidatableObject
{
    public const string Section = "Storefront";

    /// <summary>Absolute base URL used for Adyen's returnUrl and links in emails, e.g. https://shop.example.kr.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Country used when neither the picker cookie nor the browser language names a market we sell to.</summary>
    public string DefaultCountry { get; set; } = "US";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is not null && !IsAbsoluteHttpUrl(PublicBaseUrl))
        {
            yield return new ValidationResult(
                $"Storefront:PublicBaseUrl (Storefront__PublicBaseUrl) must be an absolute http(s) URL such as https://shop.example.com, not '{PublicBaseUrl}'.",
                [nameof(PublicBaseUrl)]);
        }
        if (Market.Find(DefaultCountry) is null)
        {
            yield return new ValidationResult(
                $"Storefront:DefaultCountry (Storefront__DefaultCountry) must be one of {string.Join(", ", Market.All.Select(m => m.Country))}, not '{DefaultCountry}'.",
                [nameof(DefaultCountry)]);
        }
    }

    private static bool IsAbsoluteHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
