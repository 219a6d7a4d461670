using Deque.AxeCore.Playwright;

namespace Storefront.E2E.Infrastructure;

public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>
    /// Runs axe on the page as it is now and fails on any serious or critical violation, naming each rule, its impact
    /// and the elements it found, so that the failure says what to fix without opening the trace.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0,
            $"axe found {blocking.Count} serious or critical violation(s) on {page.Url}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, blocking.Select(v =>
                $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
