using System.Net;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Security;

/// <summary>The kinds of malformed request that answered 500: each gets a 4xx (or a safe redirect) and changes nothing.</summary>
public sealed class MalformedInputTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task A_method_a_page_does_not_take_is_405_with_allow_and_the_error_page()
    {
        using var browser = app.CreateBrowser();

        using var trace = await browser.Client.SendAsync(new HttpRequestMessage(HttpMethod.Trace, "/cart"));
        // With its antiforgery token, so that the request gets past that check to the page.
        var put = await Browser.Page.LoadAsync(await browser.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/orders/SF-00000000")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync() }),
        }));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, trace.StatusCode);
        Assert.Equal(["GET", "HEAD"], trace.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.Status);
        Assert.Equal("Not allowed", put.Document.QuerySelector("main h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Posting_to_an_order_page_which_only_shows_is_405_not_an_empty_page()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 1);
        using var browser = app.CreateBrowser();

        var posted = await browser.PostFormAsync($"/orders/{number}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);
    }

    [Fact]
    public async Task An_unknown_handler_is_404_on_admin_and_shop_pages()
    {
        using var merchandiser = await app.MerchandiserAsync();

        foreach (var url in new[] { "/admin?handler=X", "/admin/orders?handler=X", "/admin/webhooks?handler=Nope", "/cart/nope", "/checkout?handler=X" })
            Assert.Equal(HttpStatusCode.NotFound, (await merchandiser.Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchandiser.PostFormAsync("/admin/webhooks?handler=X")).StatusCode);
        // A handler that exists, by a method it does not take.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await merchandiser.Client.GetAsync("/cart/add")).StatusCode);
    }

    [Theory]
    [InlineData("/한국", "/%ED%95%9C%EA%B5%AD")]
    [InlineData("/products?q=차", "/products?q=%EC%B0%A8")]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task The_country_picker_goes_back_to_a_local_return_url_escaped_or_else_home(string returnUrl, string expected)
    {
        using var browser = app.CreateBrowser();

        var response = await browser.PostFormAsync("/country", new Dictionary<string, string> { ["country"] = "KR", ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    public async Task Log_in_log_out_and_register_with_a_foreign_return_url_go_home(string returnUrl)
    {
        using var browser = app.CreateBrowser();
        var escaped = Uri.EscapeDataString(returnUrl);

        var registered = await browser.SubmitAsync(await browser.GetAsync($"/Identity/Account/Register?returnUrl={escaped}"), "#registerForm",
            new Dictionary<string, string> { ["Input.Email"] = AccountSteps.NewEmail(), ["Input.Password"] = AccountSteps.Password, ["Input.ConfirmPassword"] = AccountSteps.Password });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.DoesNotContain("evil", registered.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var email = await browser.RegisterNewShopperAsync();
        await browser.LogOutAsync();
        var loggedIn = await browser.SubmitAsync(await browser.GetAsync($"/Identity/Account/Login?returnUrl={escaped}"), "form#account",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AccountSteps.Password });
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.Equal("/", loggedIn.Headers.Location!.OriginalString);

        var loggedOut = await browser.PostFormAsync($"/Identity/Account/Logout?returnUrl={escaped}");
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal("/", loggedOut.Headers.Location!.OriginalString);
    }
}
