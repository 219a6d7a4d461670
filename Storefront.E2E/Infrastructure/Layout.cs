namespace Storefront.E2E.Infrastructure;

public static class Layout
{
    /// <summary>
    /// Fails when the page is wider than the window (it would scroll sideways on a phone), naming the elements that
    /// reach past the window's right edge, so the failure says what to fix.
    /// </summary>
    public static async Task AssertNoHorizontalOverflowAsync(this IPage page)
    {
        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} (right ${Math.round(e.getBoundingClientRect().right)} px)`);
            }
            """);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        Assert.True(overflow.Length == 0, $"{page.Url} scrolls sideways at {width} px: {string.Join(", ", overflow)}");
    }
}
