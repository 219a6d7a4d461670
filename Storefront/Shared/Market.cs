namespace Storefront.Shared;

/// <summary>A country we sell to. The country decides the currency; prices are never converted.</summary>
public sealed record Market(string Country, string Currency, string Locale, string Name)
{
    public static readonly IReadOnlyList<Market> All =
    [
        new("KR", "KRW", "ko-KR", "South Korea"),
        new("US", "USD", "en-US", "United States"),
        new("JP", "JPY", "ja-JP", "Japan"),
        new("GB", "GBP", "en-GB", "United Kingdom"),
        new("DE", "EUR", "de-DE", "Germany"),
        new("FR", "EUR", "fr-FR", "France"),
        new("NL", "EUR", "nl-NL", "Netherlands"),
    ];

    public static IReadOnlyList<string> Currencies { get; } = All.Select(m => m.Currency).Distinct().ToArray();

    public static Market? Find(string? country) =>
        country is { Length: 2 } ? All.FirstOrDefault(m => string.Equals(m.Country, country, StringComparison.OrdinalIgnoreCase)) : null;
}
