using System.Globalization;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Options;
using Storefront.Localization;

namespace Storefront.Legal;

/// <summary>One legal text in each language, as HTML, and the version that names its wording.</summary>
public sealed record LegalDocument(string Version, LocalizedText Html)
{
    /// <summary>The text in <paramref name="culture"/>'s language, else the other.</summary>
    public HtmlString In(CultureInfo culture) => new(Html.In(culture));
}

/// <summary>
/// The terms of use (<c>/terms</c>) and the privacy policy (<c>/privacy</c>): the merchant's from
/// <see cref="LegalOptions"/>, else the shop's default texts (<c>Legal/Texts/*.md</c>, embedded). The one place that
/// says which version of each a shopper is shown, for the checkout to record the version agreed to. Markdown is
/// rendered once, with raw HTML switched off.
/// </summary>
public sealed class LegalTexts(IOptions<LegalOptions> options, IHostEnvironment environment)
{
    /// <summary>The version of the default texts; a merchant's text carries its own.</summary>
    public const string DefaultVersion = "storefront-2026-12-01";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private readonly Lazy<LegalDocument> _terms = new(() => Load("terms", options.Value.Terms, environment));
    private readonly Lazy<LegalDocument> _privacy = new(() => Load("privacy", options.Value.Privacy, environment));

    public LegalDocument Terms => _terms.Value;

    public LegalDocument Privacy => _privacy.Value;

    public string TermsVersion => Terms.Version;

    public string PrivacyVersion => Privacy.Version;

    internal static string PathOf(string file, IHostEnvironment environment) => Path.GetFullPath(file, environment.ContentRootPath);

    private static LegalDocument Load(string document, LegalTextOptions replaced, IHostEnvironment environment)
    {
        string? Text(string language)
        {
            if (!replaced.IsReplaced)
                return Default(document, language);
            if (replaced.Markdown.TryGetValue(language, out var markdown))
                return markdown;
            return replaced.File.TryGetValue(language, out var file) ? File.ReadAllText(PathOf(file, environment)) : null;
        }

        string? Html(string language) => Text(language) is { } markdown ? Markdown.ToHtml(markdown, Pipeline) : null;
        return new LegalDocument(replaced.IsReplaced ? replaced.Version! : DefaultVersion, new LocalizedText(Html("ko"), Html("en")));
    }

    private static string Default(string document, string language)
    {
        var resource = $"Storefront.Legal.Texts.{document}.{language}.md";
        using var stream = typeof(LegalTexts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
