using System.Net;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Account;

public sealed class IdentityTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task Registering_asks_to_confirm_the_address_then_the_shopper_can_log_in_and_out()
    {
        using var browser = app.CreateBrowser();
        var email = AccountSteps.NewEmail();

        var registered = await browser.RegisterAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation", registered.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null(await browser.SignedInNameAsync());
        // Not yet confirmed: refused in the same words as any other failed log-in.
        var early = await browser.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Invalid login attempt", await early.Content.ReadAsStringAsync());

        await browser.ConfirmEmailAsync(email);
        var loggedIn = await browser.LogInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.Equal(email, await browser.SignedInNameAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Identity/Account/Manage")).Status);

        var loggedOut = await browser.LogOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Null(await browser.SignedInNameAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Identity/Account/Manage")).Status);
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        using var browser = app.CreateBrowser();
        var email = await browser.RegisterNewShopperAsync();
        await browser.LogOutAsync();

        var response = await browser.LogInAsync(email, "Not-The-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Invalid login attempt", await response.Content.ReadAsStringAsync());
        Assert.Null(await browser.SignedInNameAsync());
    }

    [Fact]
    public async Task Identity_pages_render_inside_the_store_layout()
    {
        using var browser = app.CreateBrowser();

        var login = await browser.GetAsync("/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.NotNull(login.Document.QuerySelector("header select#country-picker"));
        Assert.Equal("Country", login.Document.QuerySelector("label[for='country-picker']")?.TextContent.Trim());
        Assert.Contains("Prices shown in", login.Document.QuerySelector("footer")?.TextContent);
        Assert.Equal("Log in · Storefront", login.Document.Title);
    }

    [Theory]
    [InlineData("/Identity/Account/Register")]
    [InlineData("/Identity/Account/Login")]
    public async Task Every_input_and_button_on_the_account_pages_is_labelled(string url)
    {
        using var browser = app.CreateBrowser();
        var page = await browser.GetAsync(url);

        var controls = page.Document.QuerySelectorAll("input, select, textarea")
            .Where(c => c.GetAttribute("type") is not ("hidden" or "submit"))
            .ToList();
        Assert.NotEmpty(controls);
        foreach (var control in controls)
        {
            var id = control.Id;
            var labelled = (id is { Length: > 0 } && page.Document.QuerySelector($"label[for='{id}']") is { TextContent.Length: > 0 })
                || control.Closest("label") is not null
                || control.HasAttribute("aria-label")
                || control.HasAttribute("aria-labelledby");
            Assert.True(labelled, $"{control.OuterHtml} on {url} has no label.");
        }
        foreach (var button in page.Document.QuerySelectorAll("button"))
            Assert.False(string.IsNullOrWhiteSpace(button.TextContent) && !button.HasAttribute("aria-label"),
                $"{button.OuterHtml} on {url} has no accessible name.");
    }
}
