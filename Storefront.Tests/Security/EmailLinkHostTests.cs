using System.Net;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Notifications;

namespace Storefront.Tests.Security;

/// <summary>Development with a public base URL configured: no host is refused, but links still use the configured one.</summary>
public sealed class PublicBaseUrlFactory : StorefrontFactory
{
    public const string PublicBaseUrl = "https://shop.example.test";

    public PublicBaseUrlFactory() => Settings["Storefront:PublicBaseUrl"] = PublicBaseUrl;
}

public sealed class EmailLinkHostTests(PublicBaseUrlFactory app) : IClassFixture<PublicBaseUrlFactory>
{
    [Fact]
    public async Task A_forgot_password_request_with_a_foreign_host_e_mails_a_link_to_the_public_base_url_only()
    {
        var email = await app.ConfirmedShopperAsync();
        using var browser = app.CreateBrowser();
        var page = await browser.GetAsync("/Identity/Account/ForgotPassword");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["__RequestVerificationToken"] = page.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            }),
        };
        request.Headers.Host = "evil.example";

        var asked = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var reset = Assert.Single(await app.AccountEmailsToAsync(email));
        Assert.DoesNotContain("evil.example", reset.TextBody + reset.HtmlBody, StringComparison.Ordinal);
        var link = Mailbox.LinkIn(reset.TextBody, new Uri(PublicBaseUrlFactory.PublicBaseUrl + "/"));
        Assert.StartsWith("/Identity/Account/ResetPassword", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(link.AbsoluteUri), reset.HtmlBody, StringComparison.Ordinal);
    }
}
