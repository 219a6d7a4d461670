namespace Storefront.Shared;

/// <summary>Text for <c>&lt;meta name="description"&gt;</c> and <c>og:description</c>, which search results cut anyway.</summary>
public static class PageDescriptions
{
    /// <summary>About what a search result shows; longer descriptions are cut by the engine mid-word.</summary>
    public const int MaxLength = 160;

    /// <summary>
    /// <paramref name="text"/> on one line, cut to <see cref="MaxLength"/> at a word break with an ellipsis. Korean is
    /// written with spaces too, but a long run without one (a URL, a model number) is cut where it stands.
    /// </summary>
    public static string Shorten(string? text)
    {
        var line = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= MaxLength)
            return line;
        var cut = line[..(MaxLength - 1)];
        var lastSpace = cut.LastIndexOf(' ');
        return (lastSpace >= MaxLength / 2 ? cut[..lastSpace] : cut).TrimEnd(' ', ',', '.', ';', ':') + "…";
    }
}
