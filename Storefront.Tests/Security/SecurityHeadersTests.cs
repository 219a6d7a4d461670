using System.Net;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Operations;

namespace Storefront.Tests.Security;

/// <summary>Every response carries the security headers; pages run no inline script, so the policy needs no 'unsafe-inline'.</summary>
public sealed class SecurityHeadersTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    public static TheoryData<string, bool> Pages() => new()
    {
        { "/", false }, { "/products", false }, { "/cart", false }, { "/orders/link", false }, { "/no-such-page", false },
        { "/Identity/Account/Login", false }, { "/Identity/Account/Register", false }, { "/Identity/Account/ForgotPassword", false },
        { "/admin", true }, { "/admin/orders", true }, { "/admin/webhooks", true }, { "/Identity/Account/Manage", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_carries_the_headers_and_no_inline_script(string url, bool asMerchandiser)
    {
        using var browser = asMerchandiser ? await app.MerchandiserAsync() : app.CreateBrowser();

        var page = await browser.GetAsync(url);

        Assert.StartsWith("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(page.Response);
        foreach (var script in page.Document.QuerySelectorAll("script"))
            Assert.True(script.HasAttribute("src") && script.TextContent.Trim().Length == 0, $"Inline script on {url}: {script.OuterHtml}");
        foreach (var element in page.Document.All)
        {
            var handler = element.Attributes.FirstOrDefault(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.True(handler is null, $"Inline event handler on {url}: <{element.LocalName} {handler?.Name}=\"{handler?.Value}\">");
        }
        // What the page loads comes from the store itself (hreflang alternates and the canonical URL name pages, not loads).
        foreach (var link in page.Document.QuerySelectorAll("script[src], link[href]:not([rel=alternate]):not([rel=canonical])"))
            Assert.StartsWith("/", link.GetAttribute("src") ?? link.GetAttribute("href"));
    }

    [Fact]
    public async Task Static_files_redirects_and_error_answers_carry_them_too()
    {
        using var browser = app.CreateBrowser();

        foreach (var url in new[] { "/css/site.css", "/js/site.js", "/account/orders", "/admin/orders/SF-00000000" })
        {
            using var response = await browser.Client.GetAsync(url);
            AssertSecurityHeaders(response);
        }
        using var post = await browser.Client.PostAsync("/checkout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        AssertSecurityHeaders(post);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), $"A Server header: {string.Join(", ", response.Headers.Server)}");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? Assert.Single(values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode}).");
}

/// <summary>In Production: the same headers over https, plus HSTS, and the Identity pages load no script from a CDN.</summary>
public sealed class ProductionSecurityHeadersTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/ForgotPassword")]
    [InlineData("/Identity/Account/ResendEmailConfirmation")]
    public async Task Pages_carry_hsts_and_the_security_headers_and_scripts_only_from_the_shop(string url)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == app.Certificate.GetCertHashString() },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.HttpsAddress, url));
        request.Headers.Host = ProductionFactory.PublicHost;

        using var response = await client.SendAsync(request);
        var page = await Browser.Page.LoadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SecurityHeadersTests.AssertSecurityHeaders(response);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        foreach (var script in page.Document.QuerySelectorAll("script"))
            Assert.StartsWith("/", script.GetAttribute("src"));
    }
}
