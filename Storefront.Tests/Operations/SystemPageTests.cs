using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Operations;

/// <summary>The app in Test mode with its webhook secrets, and the Prometheus endpoint for merchandisers.</summary>
public sealed class SystemPageFactory : StorefrontFactory
{
    public SystemPageFactory()
    {
        Settings["Adyen:Mode"] = "Test";
        Settings["Adyen:ApiKey"] = "system-page-api-key";
        Settings["Adyen:MerchantAccount"] = "StorefrontKR_Test";
        UseWebhookSecrets();
        Settings["Adyen:HmacKeys:1"] = TestTokenizationHmacKey;
        Settings["Operations:MetricsScrape"] = "Merchandiser";
    }
}

public sealed class SystemPageTests(SystemPageFactory app) : IClassFixture<SystemPageFactory>
{
    [Fact]
    public async Task The_system_page_shows_worker_heartbeats_queues_and_which_webhook_keys_are_set_never_the_keys()
    {
        var worker = app.Services.GetServices<IHostedService>().OfType<WebhookWorker>().Single();
        await Eventually.ReachesAsync(() => app.WithDbAsync(db => db.WorkerHeartbeats.AnyAsync(h => h.Owner == worker.Owner)),
            found => found, "the webhook worker's heartbeat");
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync("/admin/system");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var beat = page.Document.QuerySelector($"tr[data-owner='{worker.Owner}']");
        Assert.NotNull(beat);
        Assert.Contains("Webhook worker", beat.TextContent, StringComparison.Ordinal);
        Assert.Contains(Environment.MachineName, beat.TextContent, StringComparison.Ordinal);
        Assert.Equal("0", page.Document.QuerySelector("tr[data-queue=inbox] [data-testid=depth]")?.TextContent);
        Assert.Equal("Test", page.Document.QuerySelector("[data-testid=adyen-mode]")?.TextContent);
        Assert.Equal("2 configured", page.Document.QuerySelector("[data-testid=hmac-keys]")?.TextContent);
        Assert.Equal("1 configured", page.Document.QuerySelector("[data-testid=tokenization-keys]")?.TextContent);
        Assert.Equal("Configured", page.Document.QuerySelector("[data-testid=basic-auth]")?.TextContent);
        foreach (var secret in new[] { StorefrontFactory.TestHmacKey, StorefrontFactory.TestTokenizationHmacKey, "adyen-test-password", "system-page-api-key" })
            Assert.DoesNotContain(secret, page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.Document.QuerySelector("nav.admin-nav a[href='/admin/system'][aria-current=page]"));
    }

    [Fact]
    public async Task The_system_page_speaks_korean()
    {
        using var merchandiser = await app.MerchandiserAsync();
        merchandiser.Client.DefaultRequestHeaders.AcceptLanguage.Clear();
        merchandiser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");

        var page = await merchandiser.GetAsync("/admin/system");

        Assert.Equal("시스템", page.Document.QuerySelector("h1")?.TextContent);
        Assert.Contains("웹훅 수신함", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_scrapes_only_as_a_merchandiser()
    {
        using var anonymous = app.CreateBrowser();
        var refused = await anonymous.Client.GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        using var merchandiser = await app.MerchandiserAsync();
        var scraped = await merchandiser.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("http_server_request_duration", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
