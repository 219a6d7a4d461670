using System.Globalization;

namespace Storefront.Localization;

/// <summary>
/// The languages the store speaks: Korean for the Korean market, English for everyone else. Adding a language is a
/// line here, its resource files (<c>*.{name}.resx</c> beside the others in <c>Resources/</c>), a property of
/// <see cref="LocalizedText"/> (a column per catalog text, so a migration) and, when a market should default to it,
/// <see cref="ForMarket"/>; the README lists the steps.
/// </summary>
public static class Cultures
{
    public static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IReadOnlyList<CultureInfo> All { get; } = [Korean, English];

    /// <summary>What the language switch shows: each language in its own words, so its speakers find it whatever the page's language.</summary>
    public static string NameInItself(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "ko" => "한국어",
        _ => culture.NativeName,
    };

    /// <summary>The language a market's shoppers get when neither the switch nor their browser names one we speak.</summary>
    public static CultureInfo ForMarket(string country) => country == "KR" ? Korean : English;

    public static bool IsKorean(CultureInfo culture) => culture.TwoLetterISOLanguageName == Korean.TwoLetterISOLanguageName;

    /// <summary>
    /// Makes <paramref name="culture"/> the current culture (formats) and UI culture (resources) until disposed: for text
    /// written outside the request whose language it is, such as an order's e-mails. Not across an await.
    /// </summary>
    public static IDisposable Use(CultureInfo culture)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        return new Restore(previous);
    }

    /// <summary>
    /// The supported culture a language tag asks for, by its language alone: <c>ko</c>, <c>ko-KR</c> and <c>ko-Kore-KR</c>
    /// are Korean, <c>en-US</c> and <c>en-GB</c> English; anything else is none of ours.
    /// </summary>
    public static CultureInfo? Find(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
            return null;
        var dash = tag.IndexOf('-');
        var language = dash < 0 ? tag : tag[..dash];
        return All.FirstOrDefault(c => string.Equals(c.TwoLetterISOLanguageName, language, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class Restore((CultureInfo Culture, CultureInfo UICulture) previous) : IDisposable
    {
        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
    }
}
