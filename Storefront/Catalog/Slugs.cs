using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Storefront.Catalog;

/// <summary>Slugs appear in URLs that shoppers bookmark: lower-case ASCII words joined by single hyphens.</summary>
internal static partial class Slugs
{
    public static string Require(string slug, int maxLength) =>
        slug is { Length: > 0 } && slug.Length <= maxLength && Pattern().IsMatch(slug)
            ? slug
            : throw new ArgumentException($"'{slug}' is not a slug (lower-case letters, digits and single hyphens, at most {maxLength} characters).", nameof(slug));

    /// <summary>
    /// A slug from a name: its ASCII letters and digits, lower-cased, other runs as one hyphen ("Green Tea 50 g" →
    /// "green-tea-50-g"), cut to <paramref name="maxLength"/>; <paramref name="fallback"/> when nothing is left (a name
    /// only in Hangul).
    /// </summary>
    public static string From(string? name, int maxLength, string fallback)
    {
        var slug = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(char.ToLowerInvariant(c));
            else if (char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        if (text.Length > maxLength)
            text = text[..maxLength].TrimEnd('-');
        return text.Length == 0 ? fallback : text;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
