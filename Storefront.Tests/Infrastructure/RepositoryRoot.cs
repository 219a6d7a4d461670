namespace Storefront.Tests.Infrastructure;

/// <summary>The checkout the tests run from, found by walking up from the test binaries to Storefront.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] relativePath) =>
        System.IO.Path.Combine([Path, .. relativePath]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Storefront.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Storefront.sln above {AppContext.BaseDirectory}.");
    }
}
