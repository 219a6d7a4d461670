using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Notifications;
using Storefront.Operations;
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
        Settings["Operations:QueueSampleInterval"] = "00:00:00.050";
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
    public async Task The_queue_gauges_report_what_waits_and_for_how_long_and_fall_back_when_it_is_done()
    {
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        var psp = AdyenWebhooks.NewPspReference();
        var message = new WebhookMessage(WebhookKind.Standard, $"{psp}:AUTHORISATION:true:", "AUTHORISATION", psp, null, "SF-NOSUCHORDER-2",
            true, false, $$"""{"eventCode":"AUTHORISATION","pspReference":"{{psp}}","merchantAccountCode":"NotOurs","success":"true"}""",
            DateTime.UtcNow.AddHours(-2))
        {
            Status = WebhookStatus.Failed,
            NextAttemptAt = NotDue,
        };
        var email = new OutgoingEmail(EmailKind.OrderConfirmed, $"gauge-test:{psp}", "shopper@example.test", "Order", "text", "<p>html</p>", null,
            DateTime.UtcNow.AddMinutes(-30))
        {
            NextAttemptAt = NotDue,
        };
        await app.WithDbAsync(db => { db.WebhookMessages.Add(message); db.OutgoingEmails.Add(email); return db.SaveChangesAsync(); });

        var waiting = await Eventually.ReachesAsync(() => Task.FromResult(ReadGauges(meters)),
            g => g["storefront.webhook_inbox.depth"] >= 1 && g["storefront.email_outbox.depth"] >= 1,
            "the waiting webhook and e-mail in the gauges", describe: Describe);
        Assert.InRange(waiting["storefront.webhook_inbox.oldest_pending_age"], TimeSpan.FromHours(2).TotalSeconds - 60, TimeSpan.FromHours(3).TotalSeconds);
        Assert.InRange(waiting["storefront.email_outbox.oldest_pending_age"], TimeSpan.FromMinutes(30).TotalSeconds - 60, TimeSpan.FromHours(2).TotalSeconds);

        await app.WithDbAsync(async db =>
        {
            (await db.WebhookMessages.SingleAsync(m => m.Id == message.Id)).Reprocess("test", DateTime.UtcNow);
            db.OutgoingEmails.Remove(await db.OutgoingEmails.SingleAsync(e => e.Id == email.Id));
            await db.SaveChangesAsync();
        });

        var drained = await Eventually.ReachesAsync(() => Task.FromResult(ReadGauges(meters)),
            g => g["storefront.webhook_inbox.depth"] == 0 && g["storefront.email_outbox.depth"] == 0, "both queues drained in the gauges",
            describe: Describe);
        Assert.Equal(0, drained["storefront.webhook_inbox.oldest_pending_age"]);
        Assert.Equal(0, drained["storefront.email_outbox.oldest_pending_age"]);
    }

    /// <summary>One collection of this app's queue gauges, as an exporter would read them.</summary>
    private static Dictionary<string, double> ReadGauges(IMeterFactory meters)
    {
        var values = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == QueueGauges.MeterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        foreach (var name in new[] { "storefront.webhook_inbox.depth", "storefront.webhook_inbox.oldest_pending_age",
                     "storefront.email_outbox.depth", "storefront.email_outbox.oldest_pending_age" })
            values.TryAdd(name, double.NaN);
        return values;
    }

    private static string Describe(Dictionary<string, double> gauges) => string.Join(", ", gauges.Select(g => $"{g.Key}={g.Value}"));

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
