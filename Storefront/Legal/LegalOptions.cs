using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Storefront.Localization;

namespace Storefront.Legal;

/// <summary>
/// The merchant's own terms and privacy policy (<c>Storefront:Legal:Terms:*</c>, <c>Storefront:Legal:Privacy:*</c>), in
/// place of the shop's default texts: Markdown per language, written into the configuration or kept in a file, with
/// the version the checkout records when a shopper agrees.
/// </summary>
public sealed class LegalOptions
{
    public const string Section = "Storefront:Legal";

    public LegalTextOptions Terms { get; set; } = new();

    public LegalTextOptions Privacy { get; set; } = new();
}

/// <summary>One replaced text: <c>Version</c>, and per language (<c>ko</c>, <c>en</c>) its <c>Markdown</c> or its <c>File</c>.</summary>
public sealed class LegalTextOptions
{
    /// <summary>Names this wording, e.g. <c>2027-01-15</c>; give a new one whenever the text changes.</summary>
    public string? Version { get; set; }

    /// <summary>The text in Markdown, by language: <c>Storefront:Legal:Terms:Markdown:ko</c>.</summary>
    public Dictionary<string, string> Markdown { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A Markdown file, by language (absolute, or relative to the app's folder): <c>Storefront:Legal:Terms:File:ko</c>.</summary>
    public Dictionary<string, string> File { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the merchant replaces the default text.</summary>
    public bool IsReplaced => Markdown.Count > 0 || File.Count > 0;
}

/// <summary>A replaced text needs a version and something in a language we speak, from one source per language; its files must exist.</summary>
internal sealed partial class LegalOptionsValidator(IHostEnvironment environment) : IValidateOptions<LegalOptions>
{
    public ValidateOptionsResult Validate(string? name, LegalOptions options)
    {
        var failures = new List<string>();
        Check(nameof(options.Terms), options.Terms);
        Check(nameof(options.Privacy), options.Privacy);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string document, LegalTextOptions text)
        {
            var key = $"{LegalOptions.Section}:{document}";
            if (!text.IsReplaced)
                return;
            if (string.IsNullOrWhiteSpace(text.Version) || !VersionPattern().IsMatch(text.Version))
                failures.Add($"{key}:Version is required when the text is replaced: letters, digits, '.', '-' or '_', up to 40, e.g. 2027-01-15.");
            foreach (var language in text.Markdown.Keys.Concat(text.File.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (Cultures.Find(language) is null || language.Contains('-', StringComparison.Ordinal))
                    failures.Add($"{key}: '{language}' is not a language the shop speaks; use {string.Join(" or ", Cultures.All.Select(c => c.TwoLetterISOLanguageName))}.");
                else if (text.Markdown.ContainsKey(language) && text.File.ContainsKey(language))
                    failures.Add($"{key}: give the {language} text as Markdown or as a File, not both.");
            }
            foreach (var (language, markdown) in text.Markdown.Where(m => string.IsNullOrWhiteSpace(m.Value)))
                failures.Add($"{key}:Markdown:{language} is empty.");
            foreach (var (language, file) in text.File)
            {
                if (!System.IO.File.Exists(LegalTexts.PathOf(file, environment)))
                    failures.Add($"{key}:File:{language}: there is no file '{LegalTexts.PathOf(file, environment)}'.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex VersionPattern();
}
