using System.Text.RegularExpressions;
using System.Xml.Linq;
using Storefront.Localization;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Localization;

/// <summary>
/// Every text the store shows comes from a resource with its Korean. A resource is a neutral <c>.resx</c> (English)
/// and a <c>.ko.resx</c> with the same keys under <c>Storefront/Resources/</c>: a page's own beside its path
/// (<c>Resources/Cart/Index.resx</c> for <c>Cart/Index.cshtml</c>, read by <c>Localizer</c>), and
/// <see cref="SharedResource"/> for DataAnnotations and <c>SharedLocalizer</c>, and a class's own beside its namespace
/// (<c>Resources/Admin/AdminWords.resx</c> for <c>Storefront.Admin.AdminWords</c>, read by its <c>IStringLocalizer&lt;AdminWords&gt;</c>).
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
            // A class with a localizer of its own asks its own resource; any other localizer is SharedResource's.
            var own = OwnLocalizer().Match(text) is { Success: true } declared ? ClassResource(declared.Groups["type"].Value) : null;
            var ownKeys = own is not null && File.Exists(own + ".resx") ? Read(own + ".resx").Keys.ToHashSet() : [];
            foreach (Match match in CodeKey().Matches(text))
            {
                var key = Regex.Unescape(match.Groups["key"].Value);
                if (own is null || !match.Value.Contains("ocalizer", StringComparison.Ordinal))
                    problems.AddRange(MissingShared(code, [key]));
                else if (!ownKeys.Contains(key))
                    problems.Add($"{Relative(code)} asks its localizer for '{key}', which {Relative(own + ".resx")} does not have");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_page_resource_belongs_to_a_page_or_a_class()
    {
        var classes = typeof(SharedResource).Assembly.GetTypes().Select(t => t.FullName).ToHashSet();
        var orphans = Directory.GetFiles(Resources, "*.resx", SearchOption.AllDirectories)
            .Where(f => !IsKorean(f) && !f.StartsWith(Shared, StringComparison.Ordinal))
            .Where(f => !File.Exists(Path.Combine(Web, Path.ChangeExtension(Path.GetRelativePath(Resources, f), ".cshtml"))))
            .Where(f => !classes.Contains(ClassOf(f)))
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

    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.GetFiles(Web, pattern, SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(Web, f).Split(Path.DirectorySeparatorChar) is not ["bin" or "obj", ..]);

    private static IEnumerable<string> Keys(Regex pattern, string text) =>
        pattern.Matches(text).Select(m => Regex.Unescape(m.Groups["key"].Value));

    private static Dictionary<string, string> Read(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    /// <summary>The class a resource beside its namespace belongs to: <c>Resources/Admin/AdminWords.resx</c> is <c>Storefront.Admin.AdminWords</c>.</summary>
    private static string ClassOf(string resx) =>
        "Storefront." + Path.ChangeExtension(Path.GetRelativePath(Resources, resx), null).Replace(Path.DirectorySeparatorChar, '.');

    /// <summary>Where the resource of the store's class named <paramref name="name"/> is, without ".resx".</summary>
    private static string? ClassResource(string name) =>
        typeof(SharedResource).Assembly.GetTypes().FirstOrDefault(t => t.Name == name && t.Namespace?.StartsWith("Storefront", StringComparison.Ordinal) == true) is { } type
            ? Path.Combine([Resources, .. type.FullName!["Storefront.".Length..].Split('.')])
            : null;

    private static bool IsKorean(string file) => file.EndsWith(".ko.resx", StringComparison.Ordinal);

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order());

    private static string Relative(string file) => Path.GetRelativePath(RepositoryRoot.Path, file);

    /// <summary><c>Localizer["…"]</c> in a page: the IViewLocalizer, the page's own resource.</summary>
    [GeneratedRegex("""(?<![A-Za-z])Localizer\[\s*"(?<key>(?:[^"\\]|\\.)*)"(?:\s*[,\]])""")]
    private static partial Regex ViewKey();

    [GeneratedRegex("""SharedLocalizer\[\s*"(?<key>(?:[^"\\]|\\.)*)"(?:\s*[,\]])""")]
    private static partial Regex SharedKey();

    /// <summary>
    /// In C#: a localizer (its name ends in "localizer"; a class uses one, its own or SharedResource's), and
    /// DataAnnotations' <c>ErrorMessage</c> and <c>[Display(Name = …)]</c>, always SharedResource's.
    /// </summary>
    [GeneratedRegex(""""(?:[Ll]ocalizer\[\s*|ErrorMessage\s*=\s*|\[Display\(Name\s*=\s*)"(?<key>(?:[^"\\]|\\.)*)"""")]
    private static partial Regex CodeKey();

    /// <summary>A class's localizer of its own: <c>IStringLocalizer&lt;AdminWords&gt;</c>.</summary>
    [GeneratedRegex(@"IStringLocalizer<(?<type>(?!SharedResource\b)\w+)>")]
    private static partial Regex OwnLocalizer();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
