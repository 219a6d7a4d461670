using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Architecture;

/// <summary>A file a newcomer can read in one sitting: the store's own code stays under the limit, generated code aside.</summary>
public sealed class FileSizeTests
{
    private const int MaxLines = 400;

    private static readonly string[] Generated = ["bin", "obj", "wwwroot", Path.Combine("Data", "Migrations")];

    [Fact]
    public void No_file_of_the_store_is_longer_than_the_limit()
    {
        var web = RepositoryRoot.File("Storefront");
        var tooLong = Directory.EnumerateFiles(web, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".cs" or ".cshtml" or ".js" or ".css")
            .Where(f => !Generated.Any(g => Path.GetRelativePath(web, f).StartsWith(g + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Select(f => (File: Path.GetRelativePath(web, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, $"Over {MaxLines} lines: " + string.Join(", ", tooLong));
    }
}
