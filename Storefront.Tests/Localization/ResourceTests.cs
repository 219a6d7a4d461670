using System.Text.RegularExpressions;
using System.Xml.Linq;
using Storefront.Localization;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Localization;

/// <summary>
/// Every text the store shows comes from a resource with its Korean. A resource is a neutral <c>.resx</c> (English)
/// and a <c>.ko.resx</c> with the same keys under <c>Storefront/Resources/</c>: a page's own beside its path
/// (<c>Resources/Cart/Index.resx</c> for <c>Cart/Index.cshtml</c>, read by <c>Localizer</c>), a class's own beside its
/// namespace (<c>Resources/Checkout/OrderPlacement.resx</c> for an <c>IStringLocalizer&lt;OrderPlacement&gt; texts</c>),
/// and <see cref="SharedResource"/> for the rest of C#, DataAnnotations and <c>SharedLocalizer</c>.
/// </summary>
public sealed partial class ResourceTests
{
    private static readonly string Web = RepositoryRoot.File("Storefront");
    private static readonly string Resources = Path.Combine(Web, LocalizationRegistration.ResourcesPath);
    private static readonly string Shared = Path.Combine(Resources, "Localization", nameof(SharedResource));

    [Fact]
    public void Every_resource_has_its_korean_for_every_english_key_and_nothing_more()
    {
        var neutral = Directory.GetFiles(Resources, "*.resx", SearchOption.AllDirectories).Where(f => !IsKorean(f)).ToList();
        Assert.NotEmpty(neutral);
        var problems = new List<string>();
        foreach (var file in neutral)
        {
            var korean = Path.ChangeExtension(file, ".ko.resx");
            if (!File.Exists(korean))
            {
                problems.Add($"{Relative(file)} has no {Path.GetFileName(korean)}");
                continue;
            }
            var (english, hangul) = (Read(file), Read(korean));
            problems.AddRange(english.Keys.Except(hangul.Keys).Select(k => $"{Relative(korean)} lacks '{k}'"));
            problems.AddRange(hangul.Keys.Except(english.Keys).Select(k => $"{Relative(file)} lacks '{k}', which {Path.GetFileName(korean)} has"));
            problems.AddRange(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{Relative(file)}: '{e.Key}' is empty"));
            problems.AddRange(hangul.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{Relative(korean)}: '{e.Key}' is empty"));
            problems.AddRange(hangul.Where(e => english.TryGetValue(e.Key, out var en) && Placeholders(en) != Placeholders(e.Value))
                .Select(e => $"{Relative(korean)}: '{e.Key}' has other placeholders than the English"));
        }
        problems.AddRange(Directory.GetFiles(Resources, "*.ko.resx", SearchOption.AllDirectories)
            .Where(f => !File.Exists(f.Replace(".ko.resx", ".resx", StringComparison.Ordinal)))
            .Select(f => $"{Relative(f)} has no neutral (English) file"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_literal_key_a_page_or_class_asks_for_is_in_its_resource()
    {
        var problems = new List<string>();
        foreach (var view in SourceFiles("*.cshtml"))
        {
            var text = File.ReadAllText(view);
            var own = Path.Combine(Resources, Path.ChangeExtension(Path.GetRelativePath(Web, view), null));
            var ownKeys = File.Exists(own + ".resx") ? Read(own + ".resx").Keys.ToHashSet() : [];
            foreach (var key in Keys(ViewKey(), text))
            {
                if (!ownKeys.Contains(key))
                    problems.Add($"{Relative(view)} asks Localizer for '{key}', which {Relative(own + ".resx")} does not have");
            }
            problems.AddRange(MissingShared(view, Keys(SharedKey(), text)));
        }
        // Settings (*Options.cs) speak to the operator who starts the app, in English, like its logs.
        foreach (var code in SourceFiles("*.cs").Where(f => !f.EndsWith("Options.cs", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(code);
            // A key asked of a class's own localizer is checked against its own resource, not SharedResource's.
            var own = OwnLocalizer().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet();
            var shared = CodeKey().Matches(text)
                .Where(m => !own.Contains(AskedOf(text, m)))
                .Select(m => Regex.Unescape(m.Groups["key"].Value));
            problems.AddRange(MissingShared(code, shared));
            problems.AddRange(MissingOwn(code, text));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_resource_belongs_to_a_page_or_a_class()
    {
        var orphans = Directory.GetFiles(Resources, "*.resx", SearchOption.AllDirectories)
            .Where(f => !IsKorean(f) && !f.StartsWith(Shared, StringComparison.Ordinal))
            .Where(f => !File.Exists(Path.Combine(Web, Path.ChangeExtension(Path.GetRelativePath(Resources, f), ".cshtml"))))
            .Where(f => typeof(SharedResource).Assembly.GetType(ClassOf(f)) is null)
            .Select(Relative)
            .ToList();
        Assert.True(orphans.Count == 0, "Resources without their page: " + string.Join(", ", orphans));
    }

    [Fact]
    public void Every_market_is_named_in_every_language()
    {
        var keys = Read(Shared + ".ko.resx");
        Assert.All(Market.All, m => Assert.True(keys.ContainsKey(m.Name), $"{m.Name} has no Korean name"));
    }

    private IEnumerable<string> MissingShared(string file, IEnumerable<string> keys)
    {
        var shared = Read(Shared + ".resx");
        return keys.Where(k => !shared.ContainsKey(k)).Select(k => $"{Relative(file)} asks for '{k}', which {Relative(Shared + ".resx")} does not have");
    }

    /// <summary>
    /// The keys a class asks of its own resource, through a field or parameter <c>IStringLocalizer&lt;T&gt; name</c>
    /// (T not <see cref="SharedResource"/>), as <c>name["…"]</c>; the resource is T's, beside T's namespace.
    /// </summary>
    private static IEnumerable<string> MissingOwn(string file, string text)
    {
        var space = NamespaceDeclaration().Match(text).Groups["ns"].Value;
        foreach (Match declared in OwnLocalizer().Matches(text))
        {
            var (type, name) = (declared.Groups["type"].Value, declared.Groups["name"].Value);
            var resx = Path.Combine(Resources, Path.Combine(space.Split('.').Skip(1).ToArray()), type + ".resx");
            var keys = File.Exists(resx) ? Read(resx).Keys.ToHashSet() : [];
            var asked = new Regex($$"""(?<![\w.]){{Regex.Escape(name)}}\[\s*"(?<key>(?:[^"\\]|\\.)*)"(?:\s*[,\]])""");
            foreach (var key in Keys(asked, text).Where(k => !keys.Contains(k)))
                yield return $"{Relative(file)} asks {name} for '{key}', which {Relative(resx)} does not have";
        }
    }

    /// <summary>The class a resource under Resources/ belongs to: <c>Resources/Orders/StatusWords.resx</c> is <c>Storefront.Orders.StatusWords</c>.</summary>
    private static string ClassOf(string resx) =>
        "Storefront." + Path.ChangeExtension(Path.GetRelativePath(Resources, resx), null).Replace(Path.DirectorySeparatorChar, '.');

    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.GetFiles(Web, pattern, SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(Web, f).Split(Path.DirectorySeparatorChar) is not ["bin" or "obj", ..]);

    /// <summary>The whole name of the localizer a <see cref="CodeKey"/> match asks: <c>_localizer</c>, <c>SharedLocalizer</c>.</summary>
    private static string AskedOf(string text, Match key)
    {
        if (!key.Value.AsSpan(1).StartsWith("ocalizer[", StringComparison.Ordinal))
            return "";
        var start = key.Index;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
            start--;
        return text[start..(key.Index + "localizer".Length)];
    }

    private static IEnumerable<string> Keys(Regex pattern, string text) =>
        pattern.Matches(text).Select(m => Regex.Unescape(m.Groups["key"].Value));

    private static Dictionary<string, string> Read(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static bool IsKorean(string file) => file.EndsWith(".ko.resx", StringComparison.Ordinal);

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order());

    private static string Relative(string file) => Path.GetRelativePath(RepositoryRoot.Path, file);

    /// <summary><c>Localizer["…"]</c> in a page: the IViewLocalizer, the page's own resource.</summary>
    [GeneratedRegex("""(?<![A-Za-z])Localizer\[\s*"(?<key>(?:[^"\\]|\\.)*)"(?:\s*[,\]])""")]
    private static partial Regex ViewKey();

    [GeneratedRegex("""SharedLocalizer\[\s*"(?<key>(?:[^"\\]|\\.)*)"(?:\s*[,\]])""")]
    private static partial Regex SharedKey();

    /// <summary>
    /// In C#: an <c>IStringLocalizer&lt;SharedResource&gt;</c> (C# asks no other resource; its name ends in
    /// "localizer"), and DataAnnotations' <c>ErrorMessage</c> and <c>[Display(Name = …)]</c>.
    /// </summary>
    [GeneratedRegex(""""(?:[Ll]ocalizer\[\s*|ErrorMessage\s*=\s*|\[Display\(Name\s*=\s*)"(?<key>(?:[^"\\]|\\.)*)"""")]
    private static partial Regex CodeKey();

    [GeneratedRegex("""IStringLocalizer<(?<type>(?!SharedResource\b)\w+)>\s+(?<name>\w+)""")]
    private static partial Regex OwnLocalizer();

    [GeneratedRegex(@"^namespace\s+(?<ns>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
