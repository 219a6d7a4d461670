using System.Net;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Notifications;
using Storefront.Tests.Operations;

namespace Storefront.Tests.Security;

/// <summary>Production, with one more host name configured besides the public one (the shop's old domain, say).</summary>
public sealed class AllowedHostsFactory : ProductionFactory
{
    public const string AliasHost = "old-shop.example.test";

    public AllowedHostsFactory() => Settings["Security:AllowedHosts:0"] = AliasHost;
}

/// <summary>
/// A password-reset link must never point at a host the request chose: outside Development foreign hosts are refused
/// before any page runs, and every e-mailed link is built on Storefront:PublicBaseUrl.
/// </summary>
public sealed class HostHeaderTests(AllowedHostsFactory app) : IClassFixture<AllowedHostsFactory>
{
    private const string EvilHost = "evil.example";

    [Fact]
    public async Task Forgot_password_with_a_foreign_host_is_refused_and_e_mails_nothing()
    {
        var email = await app.ConfirmedShopperAsync();
        using var client = HttpsClient(app);

        var forged = await ForgotPasswordAsync(client, EvilHost, email);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await app.AccountEmailsToAsync(email));
        using var page = await SendAsync(client, HttpMethod.Get, "/", EvilHost);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    [Fact]
    public async Task The_public_host_and_configured_hosts_are_served_and_the_reset_link_is_always_on_the_public_base_url()
    {
        var email = await app.ConfirmedShopperAsync();
        using var client = HttpsClient(app);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/", ProductionFactory.PublicHost)).StatusCode);
        var asked = await ForgotPasswordAsync(client, AllowedHostsFactory.AliasHost, email);

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var reset = Assert.Single(await app.AccountEmailsToAsync(email));
        var link = Mailbox.LinkIn(reset.TextBody, new Uri($"https://{ProductionFactory.PublicHost}/"));
        Assert.StartsWith("/Identity/Account/ResetPassword", link.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain(AllowedHostsFactory.AliasHost, reset.TextBody + reset.HtmlBody, StringComparison.Ordinal);
    }

    /// <summary>Opens the forgot-password form and posts it, both with <paramref name="host"/> in the Host header.</summary>
    private static async Task<HttpResponseMessage> ForgotPasswordAsync(HttpClient client, string host, string email)
    {
        using var form = await SendAsync(client, HttpMethod.Get, "/Identity/Account/ForgotPassword", ProductionFactory.PublicHost);
        var page = await Browser.Page.LoadAsync(form);
        var token = page.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await SendAsync(client, HttpMethod.Post, "/Identity/Account/ForgotPassword", host, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["__RequestVerificationToken"] = token,
        }));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string host, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Host = host;
        return client.SendAsync(request);
    }

    /// <summary>A browser-like client on the https endpoint (cookies kept, the test's certificate trusted).</summary>
    private static HttpClient HttpsClient(ProductionFactory app) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = new CookieContainer(),
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == app.Certificate.GetCertHashString(),
        },
    })
    {
        BaseAddress = app.HttpsAddress,
    };
}
