using System.Text.RegularExpressions;

namespace Storefront.Catalog;

/// <summary>Slugs appear in URLs that shoppers bookmark: lower-case ASCII words joined by single hyphens.</summary>
internal static partial class Slugs
{
    public static string Require(string slug, int maxLength) =>
        slug is { Length: > 0 } && slug.Length <= maxLength && Pattern().IsMatch(slug)
            ? slug
            : throw new ArgumentException($"'{slug}' is not a slug (lower-case letters, digits and single hyphens, at most {maxLength} characters).", nameof(slug));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
