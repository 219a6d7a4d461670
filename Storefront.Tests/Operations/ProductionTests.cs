using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Operations;

/// <summary>
/// The app in the Production environment with a valid configuration, listening on http and on https (a
/// self-signed certificate), with the public https port configured as a load balancer would have it.
/// </summary>
public class ProductionFactory : StorefrontFactory
{
    public const string PublicHost = "shop.example.test";

    public ProductionFactory()
    {
        Settings["https_port"] = "443";
        Settings["Storefront:PublicBaseUrl"] = $"https://{PublicHost}";
        // Production refuses the sandbox: a real Adyen mode with credentials (never called here).
        Settings["Adyen:Mode"] = "Test";
        Settings["Adyen:ApiKey"] = "test-api-key";
        Settings["Adyen:MerchantAccount"] = "StorefrontKR_Test";
        UseWebhookSecrets();
        // Production refuses to start without a way to send mail (nothing is sent here).
        Settings["Email:Delivery"] = "Smtp";
        Settings["Email:Smtp:Host"] = "smtp.example.test";
        Settings["Email:From"] = "Storefront <orders@example.test>";
        // Production refuses to open without the business details a Korean shop shows (made up here).
        foreach (var (key, value) in BusinessDetails)
            Settings[key] = value;
        UseKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = Certificate));
        // Production refuses to keep its Data Protection keys unencrypted.
        Settings["DataProtection:CertificatePath"] = KeyCertificatePath;
    }

    /// <summary>A PFX whose certificate encrypts the Data Protection keys (no password).</summary>
    public string KeyCertificatePath { get; } = CreateKeyCertificate();

    /// <summary>Made-up business details, as <c>Storefront:Business:*</c> settings.</summary>
    public static readonly IReadOnlyDictionary<string, string> BusinessDetails = new Dictionary<string, string>
    {
        ["Storefront:Business:Name"] = "주식회사 테스트상점",
        ["Storefront:Business:Representative"] = "김대표",
        ["Storefront:Business:RegistrationNumber"] = "1234567890",
        ["Storefront:Business:MailOrderNumber"] = "제2026-서울중구-0001호",
        ["Storefront:Business:Address"] = "서울특별시 중구 세종대로 1",
        ["Storefront:Business:Phone"] = "02-123-4567",
        ["Storefront:Business:Email"] = "help@example.test",
        ["Storefront:Business:PrivacyOfficer"] = "이보호",
    };

    public X509Certificate2 Certificate { get; } = CreateCertificate();

    /// <summary>The https endpoint's real address, e.g. https://127.0.0.1:41235/.</summary>
    public Uri HttpsAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)) + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(Environments.Production);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = builder.Build();
        var addresses = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        addresses.Addresses.Clear();
        addresses.Addresses.Add("http://127.0.0.1:0");
        addresses.Addresses.Add("https://127.0.0.1:0");
        addresses.PreferHostingUrls = true;
        host.Start();
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Certificate.Dispose();
        File.Delete(KeyCertificatePath);
    }

    private static string CreateKeyCertificate()
    {
        // Data Protection encrypts with the certificate's RSA key (XML encryption).
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Storefront Data Protection (test)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(Path.GetTempPath(), $"storefront-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={PublicHost}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(PublicHost);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}

public sealed class ProductionTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task A_plain_http_request_is_redirected_to_https_on_the_configured_port()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.BaseAddress, "/products?q=tea"));
        request.Headers.Host = ProductionFactory.PublicHost;

        using var response = await client.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect,
            $"Expected a redirect to https, got {(int)response.StatusCode}.");
        Assert.Equal(new Uri($"https://{ProductionFactory.PublicHost}/products?q=tea"), response.Headers.Location);
    }

    [Fact]
    public async Task Responses_over_https_carry_strict_transport_security()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, app.HttpsAddress);
        // HSTS is never sent to localhost or 127.0.0.1; the shop's public name gets it.
        request.Headers.Host = ProductionFactory.PublicHost;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "No Strict-Transport-Security header.");
        Assert.Contains("max-age=31536000", hsts.Single());
    }

    [Fact]
    public void Sign_in_and_antiforgery_cookies_are_always_secure()
    {
        // Behind a load balancer that ends TLS the app sees plain http; "always" keeps the cookies https-only there too.
        var signIn = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var antiforgery = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;

        Assert.Equal(CookieSecurePolicy.Always, signIn.Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task Healthz_answers_health_probes_over_plain_http()
    {
        using var client = Client();

        using var response = await client.GetAsync(new Uri(app.BaseAddress, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", await response.Content.ReadAsStringAsync());
    }

    private HttpClient Client() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions =
        {
            // Trust exactly the test's own certificate.
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == app.Certificate.GetCertHashString(),
        },
    });
}

public sealed class KeyProtectionTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task Data_protection_keys_are_encrypted_in_the_database_outside_development()
    {
        // The first thing protected (a cookie, a form's token, an order link) makes the key.
        var protector = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.GetDataProtector(app.Services, "test");
        Assert.Equal("secret", Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Unprotect(protector,
            Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(protector, "secret")));

        var keys = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DataProtectionKeys));

        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains("EncryptedData", key.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Production_refuses_to_start_without_the_key_certificate()
    {
        using var factory = new ProductionFactory();
        factory.Settings["DataProtection:CertificatePath"] = "";

        Assert.Contains("DataProtection:CertificatePath", factory.StartFailure(), StringComparison.Ordinal);
    }
}
