using System.Reflection;
using System.Text.RegularExpressions;
using Storefront.Tests.Architecture;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Docs;

/// <summary>
/// Keeps <c>docs/</c> true to the code. The failure-modes page names, for each row, where the defence lives and the
/// tests that cover it; the architecture page draws which room uses which. A renamed or deleted test, a moved file, a
/// renamed type or a new use between rooms fails here until the pages say so too. Comments and READMEs cite a row in
/// one form, "(Fnn, docs/payment-failure-modes.md)", or as a Markdown link to the row.
/// </summary>
public sealed partial class DocumentationTests
{
    private const string FailureModesPage = "docs/payment-failure-modes.md";
    private const string ArchitecturePage = "docs/architecture.md";
    private const int FailureModes = 22;

    /// <summary>The rooms every room uses, left out of the architecture page's drawing.</summary>
    private static readonly string[] UsedEverywhere = ["Shared", "Localization", "Data"];

    /// <summary>Where comments and READMEs may cite a failure mode; generated code and Adyen's own files aside.</summary>
    private static readonly string[] CitingFolders = ["Storefront", "Storefront.Tests", "Storefront.E2E", "benchmarks", "database"];

    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", "Migrations", "OpenApi", "lib"];

    private static readonly string[] CitingExtensions = [".cs", ".cshtml", ".md", ".sh", ".js", ".css"];

    [Fact]
    public void The_failure_modes_page_has_every_row_in_order_each_with_where_and_tests()
    {
        var sections = FailureModeSections();

        Assert.Equal(Enumerable.Range(1, FailureModes).Select(n => $"f{n:00}"), sections.Select(s => s.Id));
        foreach (var section in sections)
        {
            Assert.StartsWith($"<a id=\"{section.Id}\"></a>\n## {section.Id.ToUpperInvariant()} · ", section.Text);
            Assert.True(Paragraph(section.Text, "Where") is { Length: > 0 }, $"{section.Id} has no **Where:** paragraph.");
            Assert.True(TestLines(section.Text).Count > 0, $"{section.Id} names no test.");
        }
    }

    [Fact]
    public void Every_test_the_failure_modes_page_names_exists_in_the_project_it_says()
    {
        var unitTests = UnitTests();
        var endToEndTests = EndToEndTests();
        var problems = new List<string>();

        foreach (var section in FailureModeSections())
        {
            foreach (var line in TestLines(section.Text))
            {
                var endToEnd = line.Contains("(E2E)", StringComparison.Ordinal);
                foreach (var name in Backticked(line))
                {
                    var (tests, project) = endToEnd ? (endToEndTests, "Storefront.E2E") : (unitTests, "Storefront.Tests");
                    if (!TestName().IsMatch(name))
                        problems.Add($"{section.Id}: `{name}` is not written TestClass.TestMethod");
                    else if (!tests.Contains(name))
                        problems.Add($"{section.Id}: `{name}` is no [Fact] or [Theory] in {project}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_type_the_docs_name_as_code_is_in_the_web_project()
    {
        var types = typeof(Program).Assembly.GetTypes().ToLookup(t => t.Name.Split('`')[0], StringComparer.Ordinal);
        const BindingFlags anyMember = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var named = FailureModeSections().SelectMany(s => Backticked(Paragraph(s.Text, "Where")).Select(code => (Where: s.Id, Code: code)))
            .Concat(Lines(ArchitecturePage).Where(l => l.StartsWith("| `", StringComparison.Ordinal))
                .SelectMany(row => Backticked(row).Select(code => (Where: "the rooms table", Code: code))));
        var problems = new List<string>();

        foreach (var (where, code) in named)
        {
            if (CodeName().Match(code) is not { Success: true } name)
                continue;
            var candidates = types[name.Groups["type"].Value].ToList();
            var member = name.Groups["member"].Value;
            if (candidates.Count == 0)
                problems.Add($"{where}: no type {name.Groups["type"].Value}");
            else if (member.Length > 0 && !candidates.Any(t => t.GetMember(member, anyMember).Length > 0))
                problems.Add($"{where}: {name.Groups["type"].Value} has no member {member}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_file_and_link_the_docs_name_is_in_the_repository()
    {
        var problems = new List<string>();
        foreach (var page in new[] { FailureModesPage, ArchitecturePage })
        {
            var text = Read(page);
            foreach (var path in Backticked(text).Where(code => RepositoryPath().IsMatch(code)).Distinct())
            {
                var full = RepositoryRoot.File(path.TrimEnd('/').Split('/'));
                if (!File.Exists(full) && !Directory.Exists(full))
                    problems.Add($"{page}: `{path}` does not exist");
            }
            foreach (Match link in MarkdownLink().Matches(text))
            {
                if (LinkProblem(page, link.Groups["target"].Value) is { } problem)
                    problems.Add($"{page}: {problem}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_architecture_page_draws_the_rooms_as_the_code_uses_them()
    {
        var graph = FeatureDependencyTests.Dependencies();
        var uses = graph.SelectMany(room => room.Value.Keys.Select(used => (From: room.Key, To: used))).ToList();
        var rooms = graph.Keys.Concat(uses.Select(u => u.To)).Except(UsedEverywhere).ToHashSet();
        var edges = uses.Where(u => !UsedEverywhere.Contains(u.To)).Select(u => $"{u.From} --> {u.To}").ToHashSet();
        var (drawnRooms, drawnEdges) = Drawing();

        // The page says the rooms it leaves out use nothing but each other.
        Assert.DoesNotContain(uses, u => UsedEverywhere.Contains(u.From) && !UsedEverywhere.Contains(u.To));
        var problems = edges.Except(drawnEdges).Select(e => $"missing from the drawing: {e}")
            .Concat(drawnEdges.Except(edges).Select(e => $"drawn, but not in the code: {e}"))
            .Concat(rooms.Except(drawnRooms).Select(r => $"room not drawn: {r}"))
            .Concat(drawnRooms.Except(rooms).Select(r => $"drawn, but no such room: {r}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(problems.Count == 0, $"{ArchitecturePage} is out of date:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void Every_failure_mode_cited_in_the_code_and_the_readmes_names_its_page()
    {
        var problems = new List<string>();
        foreach (var file in CitingFiles())
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var text = Path.GetExtension(file) == ".cs" ? CommentOf(lines[i]) : lines[i];
                foreach (Match link in CitationLink().Matches(text))
                {
                    if (Resolve(relative, link.Groups["target"].Value) != RepositoryRoot.File(FailureModesPage.Split('/'))
                        || link.Groups["row"].Value != link.Groups["anchor"].Value)
                        problems.Add($"{relative}:{i + 1}: {link.Value} does not link to its own row of {FailureModesPage}");
                }
                var rest = CitationLink().Replace(CitationText().Replace(text, ""), "");
                problems.AddRange(FailureModeNumber().Matches(rest)
                    .Select(m => $"{relative}:{i + 1}: {m.Value} without the page: write ({m.Value}, {FailureModesPage})"));
                problems.AddRange(FailureModeNumber().Matches(text).Select(m => int.Parse(m.Value[1..]))
                    .Where(n => n is < 1 or > FailureModes).Select(n => $"{relative}:{i + 1}: there is no row F{n:00}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private sealed record Section(string Id, string Text);

    private static IReadOnlyList<Section> FailureModeSections()
    {
        var page = Read(FailureModesPage);
        var anchors = SectionAnchor().Matches(page);
        return anchors.Select((anchor, i) =>
            new Section(anchor.Groups[1].Value, page[anchor.Index..(i + 1 < anchors.Count ? anchors[i + 1].Index : page.Length)])).ToList();
    }

    /// <summary>The paragraph that starts with the bold label, e.g. "**Where:**", up to the next blank line.</summary>
    private static string Paragraph(string section, string label)
    {
        var start = section.IndexOf($"**{label}:**", StringComparison.Ordinal);
        if (start < 0)
            return "";
        var end = section.IndexOf("\n\n", start, StringComparison.Ordinal);
        return section[start..(end < 0 ? section.Length : end)];
    }

    /// <summary>The list under "**Tests:**": one test per line.</summary>
    private static List<string> TestLines(string section) =>
        Paragraph(section, "Tests").Split('\n').Skip(1).TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();

    private static IEnumerable<string> Backticked(string text) => Code().Matches(text).Select(m => m.Groups["code"].Value.Trim());

    /// <summary>"TestClass.Method" for every public [Fact] or [Theory] of this project.</summary>
    private static HashSet<string> UnitTests() =>
        typeof(DocumentationTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsPublic: true, IsAbstract: false })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any())
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The same for Storefront.E2E, read from its sources: it references this project, so this project cannot
    /// reference it back, and its build output may be stale.
    /// </summary>
    private static HashSet<string> EndToEndTests()
    {
        var tests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles(RepositoryRoot.File("Storefront.E2E")).Where(f => f.EndsWith(".cs", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            var classes = ClassDeclaration().Matches(source);
            foreach (Match test in TestMethod().Matches(source))
            {
                if (classes.LastOrDefault(c => c.Index < test.Index) is { } owner)
                    tests.Add($"{owner.Groups[1].Value}.{test.Groups[1].Value}");
            }
        }
        return tests;
    }

    /// <summary>The rooms and uses drawn in the architecture page's first Mermaid graph.</summary>
    private static (HashSet<string> Rooms, HashSet<string> Edges) Drawing()
    {
        var drawing = MermaidGraph().Match(Read(ArchitecturePage));
        Assert.True(drawing.Success, $"{ArchitecturePage} has no ```mermaid graph.");
        var rooms = new HashSet<string>(StringComparer.Ordinal);
        var edges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in drawing.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var edge = DrawnEdge().Match(line);
            Assert.True(edge.Success || DrawnRoom().IsMatch(line), $"Cannot read \"{line}\" in the drawing: write \"Room --> Room\" or \"Room\".");
            if (edge.Success)
            {
                edges.Add($"{edge.Groups[1].Value} --> {edge.Groups[2].Value}");
                rooms.UnionWith([edge.Groups[1].Value, edge.Groups[2].Value]);
            }
            else
            {
                rooms.Add(line);
            }
        }
        return (rooms, edges);
    }

    /// <summary>Why a relative Markdown link from <paramref name="page"/> leads nowhere; null when it leads somewhere.</summary>
    private static string? LinkProblem(string page, string target)
    {
        if (target.StartsWith("http", StringComparison.Ordinal) || target.StartsWith('#'))
            return null;
        var parts = target.Split('#', 2);
        var file = Resolve(page, target);
        if (!File.Exists(file) && !Directory.Exists(file))
            return $"the link to {target} leads to no file";
        if (parts.Length == 2 && file.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(file)).Contains(parts[1]))
            return $"the link to {target} leads to no heading or anchor";
        return null;
    }

    /// <summary>The file a relative link from <paramref name="page"/> leads to, without its anchor.</summary>
    private static string Resolve(string page, string target) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepositoryRoot.File(page.Split('/')))!, target.Split('#')[0]));

    /// <summary>The explicit anchors of a Markdown page, and the ones GitHub makes from its headings.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        ExplicitAnchor().Matches(markdown).Select(m => m.Groups[1].Value)
            .Concat(Heading().Matches(markdown).Select(m =>
                HeadingPunctuation().Replace(m.Groups[1].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-')))
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> CitingFiles() =>
        CitingFolders.SelectMany(folder => SourceFiles(RepositoryRoot.File(folder)))
            .Concat(Directory.EnumerateFiles(RepositoryRoot.Path, "*.md"))
            .Concat(Directory.EnumerateFiles(RepositoryRoot.Path, "*.sh"))
            .Where(f => CitingExtensions.Contains(Path.GetExtension(f)));

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).SkipLast(1).Any(SkippedFolders.Contains));

    /// <summary>The comment on a line of C#, if any: a citation in a string (a test's hex key, say) is not one.</summary>
    private static string CommentOf(string line) => line.IndexOf("//", StringComparison.Ordinal) is var at and >= 0 ? line[at..] : "";

    private static string Read(string relative) => File.ReadAllText(RepositoryRoot.File(relative.Split('/'))).ReplaceLineEndings("\n");

    private static IEnumerable<string> Lines(string relative) => Read(relative).Split('\n');

    [GeneratedRegex("""^<a id="(f\d\d)"></a>$""", RegexOptions.Multiline)]
    private static partial Regex SectionAnchor();

    /// <summary>A Markdown code span, in single or double backticks.</summary>
    [GeneratedRegex("(?<ticks>`+)(?<code>[^`].*?)\\k<ticks>")]
    private static partial Regex Code();

    [GeneratedRegex(@"^[A-Za-z_]\w*\.[A-Za-z_]\w*$")]
    private static partial Regex TestName();

    [GeneratedRegex(@"^(?<type>[A-Z]\w*)(?:\.(?<member>[A-Z]\w*))?$")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"^[\w.\-]+(?:/[\w.\-]+)+/?$")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\[F(?<row>\d\d)\]\((?<target>[^)\s]*#f(?<anchor>\d\d))\)")]
    private static partial Regex CitationLink();

    [GeneratedRegex(@"\(F\d\d(?:, F\d\d)*, docs/payment-failure-modes\.md\)")]
    private static partial Regex CitationText();

    [GeneratedRegex(@"\bF\d\d\b")]
    private static partial Regex FailureModeNumber();

    [GeneratedRegex(@"\bclass\s+(\w+)")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"\[(?:Fact|Theory)\b[^\]]*\]\s*(?:\[[^\]]*\]\s*)*public\s+[^(=;{]*?\b(\w+)\s*\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"^```mermaid\n(?:graph|flowchart) \w+\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex MermaidGraph();

    [GeneratedRegex(@"^(\w+)\s*-->\s*(\w+)$")]
    private static partial Regex DrawnEdge();

    [GeneratedRegex(@"^\w+$")]
    private static partial Regex DrawnRoom();

    [GeneratedRegex("""<a id="([^"]+)"></a>""")]
    private static partial Regex ExplicitAnchor();

    [GeneratedRegex(@"^#{1,6} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex HeadingPunctuation();
}
