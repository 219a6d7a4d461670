using System.Text.RegularExpressions;

namespace Storefront.E2E.Infrastructure;

public static class PageNavigation
{
    /// <summary>
    /// Waits until the page shows an address matching <paramref name="url"/>. Not <c>IPage.WaitForURLAsync</c>: its
    /// check-then-subscribe races with the thread that delivers events and can miss the load event it waits for
    /// (microsoft/playwright-dotnet#3364); this assertion is polled on the browser's side.
    /// </summary>
    public static Task ArrivesAtAsync(this IPage page, Regex url) =>
        Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });
}
