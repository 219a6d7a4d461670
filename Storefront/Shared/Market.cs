namespace Storefront.Shared;

/// <summary>
/// A country we sell to. The country decides the currency; prices are never converted. Catalog prices include
/// VAT at <see cref="VatBasisPoints"/> (1000 = 10 %), which Adyen's line items carry as taxPercentage.
/// </summary>
public sealed record Market(string Country, string Currency, string Locale, string Name, int VatBasisPoints)
{
    public static readonly IReadOnlyList<Market> All =
    [
        new("KR", "KRW", "ko-KR", "South Korea", 1000),
        new("US", "USD", "en-US", "United States", 0),
        new("JP", "JPY", "ja-JP", "Japan", 1000),
        new("GB", "GBP", "en-GB", "United Kingdom", 2000),
        new("DE", "EUR", "de-DE", "Germany", 1900),
        new("FR", "EUR", "fr-FR", "France", 2000),
        new("NL", "EUR", "nl-NL", "Netherlands", 2100),
    ];

    public static IReadOnlyList<string> Currencies { get; } = All.Select(m => m.Currency).Distinct().ToArray();

    public static Market? Find(string? country) =>
        country is { Length: 2 } ? All.FirstOrDefault(m => string.Equals(m.Country, country, StringComparison.OrdinalIgnoreCase)) : null;
}
