using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments.Webhooks;

namespace Storefront.Tests.Operations;

/// <summary>The app with a short inbox poll and a one-minute lag threshold.</summary>
public sealed class ReadinessFactory : StorefrontFactory
{
    public ReadinessFactory()
    {
        Settings["Adyen:Webhooks:PollInterval"] = "00:00:00.050";
        Settings["Operations:InboxLagThreshold"] = "00:01:00";
    }
}

public sealed class ReadinessTests(ReadinessFactory app) : IClassFixture<ReadinessFactory>
{
    private static readonly DateTime NotDue = new(2999, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Readyz_turns_degraded_when_the_inbox_lags_and_healthy_when_it_drains()
    {
        using var browser = app.CreateBrowser();
        var ready = await Eventually.ReachesAsync(() => ReadyAsync(browser), r => r.Status == "Healthy", "ready at start",
            describe: r => r.Body);
        Assert.Equal(("Healthy", "Healthy", "Healthy"), (ready.Checks["database"], ready.Checks["webhook-worker"], ready.Checks["inbox-lag"]));

        // Received an hour ago and still waiting for its retry.
        var psp = AdyenWebhooks.NewPspReference();
        var message = new WebhookMessage(WebhookKind.Standard, $"{psp}:AUTHORISATION:true:", "AUTHORISATION", psp, null, "SF-NOSUCHORDER-1",
            true, false, $$"""{"eventCode":"AUTHORISATION","pspReference":"{{psp}}","merchantAccountCode":"NotOurs","success":"true"}""",
            DateTime.UtcNow.AddHours(-1))
        {
            Status = WebhookStatus.Failed,
            NextAttemptAt = NotDue,
        };
        await app.WithDbAsync(db => { db.WebhookMessages.Add(message); return db.SaveChangesAsync(); });

        var lagging = await ReadyAsync(browser);
        // Degraded still answers 200: the node keeps serving shoppers while the inbox catches up.
        Assert.Equal((HttpStatusCode.OK, "Degraded", "Degraded", "Healthy"),
            (lagging.Code, lagging.Status, lagging.Checks["inbox-lag"], lagging.Checks["database"]));
        Assert.Contains("1 waiting", lagging.Details["inbox-lag"], StringComparison.Ordinal);
        // Liveness is not about the inbox.
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/healthz")).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var row = await db.WebhookMessages.SingleAsync(m => m.Id == message.Id);
            row.Reprocess("test", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var drained = await Eventually.ReachesAsync(() => ReadyAsync(browser), r => r.Status == "Healthy", "healthy once the worker drained the inbox",
            describe: r => r.Body);
        Assert.Equal("Healthy", drained.Checks["inbox-lag"]);
        Assert.Equal(WebhookStatus.Unmatched, await app.WithDbAsync(db => db.WebhookMessages.Where(m => m.Id == message.Id).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_worker_beats_in_the_database_for_the_system_page()
    {
        var worker = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<WebhookWorker>().Single();

        var beat = await Eventually.ReachesAsync(() => app.WithDbAsync(db => db.WorkerHeartbeats.AsNoTracking().SingleOrDefaultAsync(h => h.Owner == worker.Owner)),
            h => h is not null, "the webhook worker's heartbeat row");

        Assert.Equal(("Webhook worker", Environment.MachineName), (beat!.Worker, beat.Node));
        Assert.True(DateTime.UtcNow - beat.LastBeatAt < TimeSpan.FromMinutes(1));
    }

    private static async Task<Readiness> ReadyAsync(Browser browser)
    {
        using var response = await browser.Client.GetAsync("/readyz");
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new Readiness(response.StatusCode, root.GetProperty("status").GetString()!,
            root.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            root.GetProperty("details").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!), body);
    }

    private sealed record Readiness(HttpStatusCode Code, string Status, Dictionary<string, string> Checks, Dictionary<string, string> Details, string Body);
}
