namespace Storefront.E2E.Infrastructure;

/// <summary>
/// The system's Chromium, not a browser build of Playwright's own: the build machines cannot download one.
/// ./test.sh finds or installs Chromium and passes it in <see cref="Variable"/>.
/// </summary>
internal static class ChromiumExecutable
{
    public const string Variable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";

    private static readonly string[] WellKnownPaths =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
    ];

    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException(
                    $"{Variable} is '{configured}', which does not exist. Unset it, or run ./test.sh from the repository root: it finds or installs Chromium.");
        }
        return WellKnownPaths.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"No Chromium found in {string.Join(", ", WellKnownPaths)}. Run ./test.sh from the repository root (it finds or installs Chromium), or set {Variable} to a Chromium or Chrome executable.");
    }
}
