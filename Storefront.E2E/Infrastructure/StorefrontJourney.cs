using System.Runtime.CompilerServices;
using Storefront.Tests.Infrastructure;

namespace Storefront.E2E.Infrastructure;

/// <summary>
/// A test that drives the real app (on a real loopback port) in Chromium. Each journey runs in a fresh
/// browser context, fails on any script error, and leaves artifacts/e2e/{Class}.{Test}.png (and one
/// {Class}.{Test}.{step}.png per <see cref="ScreenshotAsync"/>); a failed
/// journey leaves a screenshot and a Playwright trace (open with `playwright show-trace`) instead.
/// </summary>
[Collection(ChromiumCollection.Name)]
public abstract class StorefrontJourney(ChromiumFixture chromium, StorefrontFactory app)
{
    protected StorefrontFactory App { get; } = app;

    protected async Task JourneyAsync(Func<IPage, Task> journey, bool javaScriptEnabled = true, string locale = "en-US",
        ViewportSize? viewport = null, [CallerMemberName] string test = "")
    {
        var name = $"{GetType().Name}.{test}";
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            // Accept-Language decides the market and the language when none is picked: keep it fixed per journey.
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = javaScriptEnabled,
        });
        // Pages come from loopback: an action still waiting after 15 s is a failure, not a slow page.
        context.SetDefaultTimeout(15_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Title = name, Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        try
        {
            await journey(page);
            Assert.True(scriptErrors.Count == 0, $"Script errors on {page.Url}: {string.Join(" | ", scriptErrors)}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EArtifacts.PathFor($"{name}.png"), FullPage = true });
            await context.Tracing.StopAsync();
        }
        catch
        {
            await CaptureFailureAsync(context, page, name);
            throw;
        }
    }

    /// <summary>Signs in as the development merchandiser from the admin area's login, and lands on the dashboard.</summary>
    protected async Task LogInAsMerchandiserAsync(IPage page)
    {
        var login = await Pages.AdminDashboardPage.OpenAsGuestAsync(page);
        await login.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword);
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "/admin").ToString());
    }

    /// <summary>A full-page screenshot of one step of the journey: artifacts/e2e/{Class}.{Test}.{step}.png.</summary>
    protected Task ScreenshotAsync(IPage page, string step, [CallerMemberName] string test = "") =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EArtifacts.PathFor($"{GetType().Name}.{test}.{step}.png"), FullPage = true });

    /// <summary>
    /// Like <see cref="ScreenshotAsync"/>, for a page whose next page is still on its way: Chromium then holds
    /// DevTools commands to the page, which Playwright's own screenshot needs, but the browser can still take one.
    /// The DevTools session is left to end with the page: detaching it would wait for the next page too.
    /// </summary>
    protected async Task BrowserScreenshotAsync(IPage page, string step, [CallerMemberName] string test = "")
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        var screenshot = await devTools.SendAsync("Page.captureScreenshot", new Dictionary<string, object> { ["format"] = "png" });
        await File.WriteAllBytesAsync(E2EArtifacts.PathFor($"{GetType().Name}.{test}.{step}.png"),
            Convert.FromBase64String(screenshot!.Value.GetProperty("data").GetString()!));
    }

    private static async Task CaptureFailureAsync(IBrowserContext context, IPage page, string name)
    {
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EArtifacts.PathFor($"{name}.failed.png"), FullPage = true });
            await context.Tracing.StopAsync(new TracingStopOptions { Path = E2EArtifacts.PathFor($"{name}.trace.zip") });
        }
        catch (PlaywrightException)
        {
            // The page or browser may be gone; the journey's own failure is the one to report.
        }
    }
}
