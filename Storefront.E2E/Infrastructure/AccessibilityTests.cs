using Storefront.Tests.Infrastructure;

namespace Storefront.E2E.Infrastructure;

/// <summary>The axe check itself: a page it should refuse is refused, with a message that says what to fix.</summary>
public sealed class AccessibilityTests(ChromiumFixture chromium, StorefrontFactory app)
    : StorefrontJourney(chromium, app), IClassFixture<StorefrontFactory>
{
    [Fact]
    public Task A_serious_violation_fails_with_its_rule_impact_and_element() => JourneyAsync(async page =>
    {
        await page.GotoAsync("/");
        // An image with no text alternative is critical for axe (image-alt); an unnamed button too (button-name).
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img id=\"unnamed-logo\" src=\"/favicon.ico\"><button id=\"unnamed-button\"></button>')");

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(page.AssertAccessibleAsync);

        Assert.Contains("- image-alt (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#unnamed-logo", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- button-name (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#unnamed-button", failure.Message, StringComparison.Ordinal);

        await page.EvaluateAsync("() => { document.getElementById('unnamed-logo').remove(); document.getElementById('unnamed-button').remove(); }");
        await page.AssertAccessibleAsync();
    });
}
