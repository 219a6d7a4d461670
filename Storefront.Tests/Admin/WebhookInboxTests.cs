using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>The webhook inbox page: filters, error text, raw messages, and Reprocess for what the worker could not apply.</summary>
public sealed class WebhookInboxTests(WebhookInboxTests.WorkerAtRestFactory app) : IClassFixture<WebhookInboxTests.WorkerAtRestFactory>
{
    /// <summary>
    /// The page is under test, not the worker: a running worker could claim a message the moment Reprocess makes it
    /// due, before the test reads it back as Pending.
    /// </summary>
    public sealed class WorkerAtRestFactory : StorefrontFactory
    {
        public WorkerAtRestFactory() => Settings["Adyen:Webhooks:ProcessInbox"] = "false";
    }

    private static readonly DateTime Day = new(2019, 9, 2, 10, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime NotDue = new(2999, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_inbox_filters_by_status_event_code_and_day_and_shows_errors_and_bodies()
    {
        var tag = Tag();
        var ids = await SeedAsync(
            Message($"{tag}A", "AUTHORISATION", WebhookStatus.Processed, Day),
            Message($"{tag}B", "REFUND", WebhookStatus.Poisoned, Day.AddHours(1), "Order SF-ABCDEFGH not found", "SF-ABCDEFGH-R1"),
            Message($"{tag}C", "REFUND_FAILED", WebhookStatus.Failed, Day.AddDays(1), "Database timeout"),
            Message($"{tag}D", "REFUND", WebhookStatus.Unmatched, Day.AddDays(1).AddHours(2)));
        using var merchandiser = await app.MerchandiserAsync();

        Assert.Equal(ids.AsEnumerable().Reverse(), await IdsAsync(merchandiser, "from=2019-09-02&to=2019-09-03"));
        Assert.Equal([ids[1]], await IdsAsync(merchandiser, "from=2019-09-02&to=2019-09-03&status=Poisoned"));
        Assert.Equal([ids[3], ids[1]], await IdsAsync(merchandiser, "from=2019-09-02&to=2019-09-03&event=REFUND"));
        Assert.Equal([ids[1], ids[0]], await IdsAsync(merchandiser, "from=2019-09-02&to=2019-09-02"));
        Assert.Equal([ids[2]], await IdsAsync(merchandiser, "from=2019-09-03&to=2019-09-03&status=failed&event=REFUND_FAILED"));

        var page = await merchandiser.GetAsync("/admin/webhooks?from=2019-09-02&to=2019-09-02&status=Poisoned");
        var row = page.Document.QuerySelector($"tr[data-id='{ids[1]}']")!;
        Assert.Equal("Order SF-ABCDEFGH not found", row.QuerySelector("[data-testid=last-error]")?.TextContent);
        Assert.Contains($"\"pspReference\":\"{tag}B\"", row.QuerySelector("details pre")?.TextContent);
        Assert.Equal("/admin/orders/SF-ABCDEFGH", row.QuerySelector("a")?.GetAttribute("href"));
        Assert.NotNull(row.QuerySelector("button[aria-label^='Reprocess']"));
        var processed = (await merchandiser.GetAsync("/admin/webhooks?from=2019-09-02&to=2019-09-02")).Document.QuerySelector($"tr[data-id='{ids[0]}']")!;
        Assert.Null(processed.QuerySelector("form"));
    }

    [Theory]
    [InlineData(WebhookStatus.Poisoned)]
    [InlineData(WebhookStatus.Failed)]
    [InlineData(WebhookStatus.Unmatched)]
    public async Task Reprocess_puts_a_message_back_in_the_queue_due_now_and_records_who(WebhookStatus status)
    {
        var tag = Tag();
        var id = (await SeedAsync(Message(tag, "REFUND", status, Day.AddDays(5), "It broke", attempts: 7, leased: true)))[0];
        using var merchandiser = await app.MerchandiserAsync();
        var page = await merchandiser.GetAsync($"/admin/webhooks?status={status}&from=2019-09-07&to=2019-09-07");
        var before = DateTime.UtcNow;

        var response = await merchandiser.SubmitAsync(page, $"tr[data-id='{id}'] form");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/admin/webhooks?status={status}&from=2019-09-07&to=2019-09-07", response.Headers.Location!.OriginalString);
        var message = await app.WithDbAsync(db => db.WebhookMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal(WebhookStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
        Assert.InRange(message.NextAttemptAt, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Null(message.LeaseOwner);
        Assert.Null(message.LeaseExpiresAt);
        Assert.Equal(StorefrontFactory.MerchandiserEmail, message.ReprocessedBy);
        Assert.Equal(message.NextAttemptAt, message.ReprocessedAt);
        Assert.Equal("It broke", message.LastError);
        var after = await merchandiser.GetAsync(response.Headers.Location.OriginalString);
        Assert.Contains("queued to be processed again", after.Document.QuerySelector("[data-testid=notice]")?.TextContent);
        var pending = await merchandiser.GetAsync("/admin/webhooks?status=Pending&from=2019-09-07&to=2019-09-07");
        var row = pending.Document.QuerySelector($"tr[data-id='{id}']")!;
        Assert.Contains($"reprocessed by {StorefrontFactory.MerchandiserEmail}", row.TextContent);
        Assert.Null(row.QuerySelector("form"));
    }

    [Fact]
    public async Task Processed_or_pending_messages_cannot_be_reprocessed()
    {
        var tag = Tag();
        var ids = await SeedAsync(
            Message($"{tag}P", "AUTHORISATION", WebhookStatus.Processed, Day.AddDays(8)),
            Message($"{tag}Q", "AUTHORISATION", WebhookStatus.Pending, Day.AddDays(8)),
            Message($"{tag}R", "REFUND", WebhookStatus.Poisoned, Day.AddDays(8)));
        using var merchandiser = await app.MerchandiserAsync();
        var page = await merchandiser.GetAsync("/admin/webhooks?from=2019-09-10&to=2019-09-10");
        var form = page.Document.QuerySelector($"tr[data-id='{ids[2]}'] form")!;

        foreach (var id in ids.Take(2).Append(999_999))
        {
            form.SetAttribute("action", $"/admin/webhooks?handler=Reprocess&id={id}");
            var response = await merchandiser.SubmitAsync(page, $"tr[data-id='{ids[2]}'] form");

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.NotNull((await Browser.Page.LoadAsync(response)).Document.QuerySelector("[data-testid=error]"));
        }
        var statuses = await app.WithDbAsync(db => db.WebhookMessages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).Select(m => m.Status).ToListAsync());
        Assert.Equal([WebhookStatus.Processed, WebhookStatus.Pending, WebhookStatus.Poisoned], statuses);
    }

    [Theory]
    [InlineData("status=Nope")]
    [InlineData("status=2")]
    [InlineData("status=Failed,Processed")]
    [InlineData("from=2019-02-30")]
    [InlineData("page=-4")]
    [InlineData("event=" + "X")]
    public async Task Bad_filter_values_are_ignored_not_a_500(string query)
    {
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync($"/admin/webhooks?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        if (!query.StartsWith("event", StringComparison.Ordinal))
            Assert.NotNull(page.Document.QuerySelector("[data-testid=ignored-filters]"));
    }

    private static string Tag() => "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private static WebhookMessage Message(string psp, string eventCode, WebhookStatus status, DateTime receivedAt, string? error = null,
        string? merchantReference = null, int attempts = 1, bool leased = false) =>
        new(WebhookKind.Standard, $"{psp}:{eventCode}:true:", eventCode, psp, null, merchantReference, true, false,
            $$"""{"eventCode":"{{eventCode}}","pspReference":"{{psp}}","success":"true"}""", receivedAt)
        {
            Status = status,
            LastError = error,
            Attempts = attempts,
            // Fixtures for the page, not work for the app's own worker, which would take a due row and move it.
            NextAttemptAt = NotDue,
            LeaseOwner = leased ? "worker-1" : null,
            LeaseExpiresAt = leased ? receivedAt.AddMinutes(5) : null,
        };

    private async Task<long[]> SeedAsync(params WebhookMessage[] messages)
    {
        await app.WithDbAsync(async db =>
        {
            db.WebhookMessages.AddRange(messages);
            await db.SaveChangesAsync();
        });
        return messages.Select(m => m.Id).ToArray();
    }

    private static async Task<IReadOnlyList<long>> IdsAsync(Browser browser, string query)
    {
        var page = await browser.GetAsync($"/admin/webhooks?{query}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Document.QuerySelectorAll("[data-testid=messages] tbody tr").Select(tr => long.Parse(tr.GetAttribute("data-id")!)).ToList();
    }
}
