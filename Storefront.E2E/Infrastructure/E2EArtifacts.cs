namespace Storefront.E2E.Infrastructure;

/// <summary>Screenshots and traces go to artifacts/e2e/ at the repository root, named after the test.</summary>
internal static class E2EArtifacts
{
    private static readonly Lazy<string> Folder = new(CreateFolder);

    public static string PathFor(string name) => Path.Combine(Folder.Value, name);

    private static string CreateFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Storefront.sln")))
            directory = directory.Parent;
        if (directory is null)
            throw new InvalidOperationException($"No Storefront.sln above {AppContext.BaseDirectory}: cannot place artifacts/e2e.");
        var folder = Path.Combine(directory.FullName, "artifacts", "e2e");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
