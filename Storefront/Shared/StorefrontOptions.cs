using System.ComponentModel.DataAnnotations;

namespace Storefront.Shared;

public sealed class StorefrontOptions : IValidatableObject
{
    public const string Section = "Storefront";

    /// <summary>Absolute base URL used for Adyen's returnUrl and links in emails, e.g. https://shop.example.kr.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Country used when neither the picker cookie nor the browser language names a market we sell to.</summary>
    public string DefaultCountry { get; set; } = "US";

    /// <summary>Settings per market, by country (<c>Storefront:Markets:KR:TimeZone</c>); a market not named keeps its defaults.</summary>
    public Dictionary<string, MarketSettings> Markets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

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
        foreach (var (country, settings) in Markets)
        {
            if (Market.Find(country) is null)
            {
                yield return new ValidationResult(
                    $"Storefront:Markets:{country} names no market we sell to: use one of {string.Join(", ", Market.All.Select(m => m.Country))}.",
                    [nameof(Markets)]);
            }
            else if (settings.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                yield return new ValidationResult(
                    $"Storefront:Markets:{country}:TimeZone (Storefront__Markets__{country}__TimeZone) must be an IANA time zone such as Asia/Seoul, not '{zone}'.",
                    [nameof(Markets)]);
            }
        }
    }

    private static bool IsAbsoluteHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}

/// <summary>One market's settings (<c>Storefront:Markets:{country}</c>).</summary>
public sealed class MarketSettings
{
    /// <summary>The IANA zone the market's shoppers read times in, e.g. <c>Asia/Seoul</c>; null for the market's own default.</summary>
    public string? TimeZone { get; set; }
}
