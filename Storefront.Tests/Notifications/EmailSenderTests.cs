using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Notifications;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments.Webhooks;

namespace Storefront.Tests.Notifications;

/// <summary>
/// The sender against a transport that fails on demand: a failure is retried with a growing wait and the e-mail
/// stays Pending, it goes out once the transport recovers, and it is marked Failed after Email:MaxAttempts tries.
/// Nothing is lost, and no address reaches the row's error or the log.
/// </summary>
public sealed class EmailSenderTests(ControlledTransportFactory app) : IClassFixture<ControlledTransportFactory>
{
    [Fact]
    public async Task A_failing_transport_is_retried_with_backoff_and_the_email_is_sent_once_it_recovers()
    {
        var recipient = AccountSteps.NewEmail();
        app.Transport.Failing[recipient] = true;

        var id = await app.QueueAsync(recipient, "Retry me");

        var failing = await app.EmailReachesAsync(id, e => e.Attempts >= 2, "tried twice");
        Assert.Equal(EmailStatus.Pending, failing.Status);
        Assert.Null(failing.SentAt);
        Assert.Contains("SmtpFailedRecipientException", failing.LastError, StringComparison.Ordinal);
        Assert.Contains("<recipient>", failing.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(recipient, failing.LastError, StringComparison.OrdinalIgnoreCase);

        app.Transport.Failing.TryRemove(recipient, out _);

        var sent = await app.EmailReachesAsync(id, e => e.Status == EmailStatus.Sent, "sent after the transport recovered");
        Assert.Null(sent.LastError);
        Assert.Single(app.Transport.Sent, s => s.Recipient == recipient);
        // Each wait is at least Email:RetryDelay (100 ms) and doubles: 100 ms, then 200 ms.
        var tries = app.Transport.Failures.Where(f => f.Recipient == recipient).Select(f => f.At)
            .Append(app.Transport.Sent.Single(s => s.Recipient == recipient).At).ToList();
        Assert.Equal(sent.Attempts, tries.Count);
        var waits = tries.Zip(tries.Skip(1), (earlier, later) => later - earlier).ToList();
        Assert.True(waits[0] >= TimeSpan.FromMilliseconds(90), $"first wait {waits[0]}");
        Assert.True(waits[1] >= TimeSpan.FromMilliseconds(190), $"second wait {waits[1]}");
        app.Logs.AssertNeverMentions(recipient);
    }

    [Fact]
    public async Task An_email_that_keeps_failing_is_marked_failed_after_the_last_try_and_logged_without_its_address()
    {
        var recipient = AccountSteps.NewEmail();
        app.Transport.Failing[recipient] = true;

        var id = await app.QueueAsync(recipient, "Never deliverable");

        var failed = await app.EmailReachesAsync(id, e => e.Status == EmailStatus.Failed, "failed");
        Assert.Equal(5, failed.Attempts);
        Assert.Equal(5, app.Transport.Failures.Count(f => f.Recipient == recipient));
        Assert.DoesNotContain(recipient, failed.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(app.Logs.Entries, l => l.Level == LogLevel.Warning && l.Message.Contains($"E-mail {id} ", StringComparison.Ordinal)
            && l.Message.Contains("marked Failed", StringComparison.Ordinal));
        app.Logs.AssertNeverMentions(recipient);
        // Failed is final: the sender leaves it for a person.
        Assert.DoesNotContain(app.Transport.Sent, s => s.Recipient == recipient);
    }
}

/// <summary>"Send again" on the merchandiser's order page, for an e-mail the sender gave up on.</summary>
public sealed class SendEmailAgainTests(ControlledTransportFactory app) : IClassFixture<ControlledTransportFactory>
{
    [Fact]
    public async Task A_merchandiser_sends_a_failed_email_again_once_the_relay_is_fixed_and_it_goes_out_once()
    {
        var recipient = AccountSteps.NewEmail();
        app.Transport.Failing[recipient] = true;
        var number = (await app.SeedAsync(new SeededOrder { Email = recipient }))[0];
        var id = await QueueForOrderAsync(number, recipient);
        await app.EmailReachesAsync(id, e => e.Status == EmailStatus.Failed, "failed after its tries");
        app.Transport.Failing.TryRemove(recipient, out _);
        using var merchandiser = await app.MerchandiserAsync();
        var dashboard = await merchandiser.GetAsync("/admin");
        Assert.NotNull(dashboard.Document.QuerySelector($"[data-testid=failed-emails] a[href='/admin/orders/{number}']"));
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");

        var response = await merchandiser.SubmitAsync(page, $"tr[data-email-id='{id}'] form");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var sent = await app.EmailReachesAsync(id, e => e.Status == EmailStatus.Sent, "sent again");
        Assert.Equal(1, sent.Attempts);
        Assert.Single(app.Transport.Sent, s => s.Recipient == recipient);
        var order = await app.OrderAsync(number);
        var audit = Assert.Single(order.Events, e => e.Kind == "EmailSentAgain");
        Assert.Equal(StorefrontFactory.MerchandiserEmail, audit.Actor);
        page = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Equal("Sent", page.Document.QuerySelector($"tr[data-email-id='{id}'] [data-testid=email-status]")?.GetAttribute("data-status"));
        Assert.Null(page.Document.QuerySelector($"tr[data-email-id='{id}'] form"));
        dashboard = await merchandiser.GetAsync("/admin");
        Assert.Null(dashboard.Document.QuerySelector($"[data-testid=failed-emails] a[href='/admin/orders/{number}']"));
    }

    [Fact]
    public async Task Only_a_failed_email_can_be_sent_again()
    {
        var recipient = AccountSteps.NewEmail();
        app.Transport.Failing[recipient] = true;
        var failedOrder = (await app.SeedAsync(new SeededOrder { Email = recipient }))[0];
        var failed = await QueueForOrderAsync(failedOrder, recipient);
        await app.EmailReachesAsync(failed, e => e.Status == EmailStatus.Failed, "failed after its tries");
        var other = AccountSteps.NewEmail();
        var sentOrder = (await app.SeedAsync(new SeededOrder { Email = other }))[0];
        var sent = await QueueForOrderAsync(sentOrder, other);
        await app.EmailReachesAsync(sent, e => e.Status == EmailStatus.Sent, "sent");
        using var merchandiser = await app.MerchandiserAsync();
        var page = await merchandiser.GetAsync($"/admin/orders/{failedOrder}");
        var form = page.Document.QuerySelector($"tr[data-email-id='{failed}'] form")!;

        // The sent e-mail, and an e-mail of another order, through the failed one's form.
        foreach (var (number, emailId) in new[] { (sentOrder, sent), (failedOrder, sent) })
        {
            form.SetAttribute("action", $"/admin/orders/{number}?handler=SendEmailAgain");
            var response = await merchandiser.SubmitAsync(page, $"tr[data-email-id='{failed}'] form", new Dictionary<string, string> { ["emailId"] = emailId.ToString() });

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.NotNull((await Browser.Page.LoadAsync(response)).Document.QuerySelector("[data-testid=emails-error]"));
        }
        Assert.Single(app.Transport.Sent, s => s.Recipient == other);
        var unchanged = await app.WithDbAsync(db => db.OutgoingEmails.AsNoTracking().Where(e => e.Id == failed || e.Id == sent)
            .OrderBy(e => e.Id).Select(e => e.Status).ToListAsync());
        Assert.Equal([EmailStatus.Failed, EmailStatus.Sent], unchanged);
        Assert.DoesNotContain((await app.OrderAsync(sentOrder)).Events, e => e.Kind == "EmailSentAgain");
    }

    private async Task<long> QueueForOrderAsync(string number, string recipient) =>
        await app.WithDbAsync(async db =>
        {
            var orderId = await db.Orders.Where(o => o.Number == number).Select(o => o.Id).SingleAsync();
            var email = new OutgoingEmail(EmailKind.OrderConfirmed, $"order:{orderId}:confirmed", recipient, $"Order {number} confirmed",
                "Text", "<p>HTML</p>", orderId, DateTime.UtcNow);
            db.OutgoingEmails.Add(email);
            await db.SaveChangesAsync();
            return email.Id;
        });
}

/// <summary>Two app instances on one database: their senders share the outbox through leases.</summary>
public sealed class TwoSendersTests : IDisposable
{
    private readonly string _databasePath = StorefrontFactory.NewDatabasePath();

    [Fact]
    public async Task Two_senders_on_one_database_send_each_email_once()
    {
        using var first = new EmailNodeFactory(_databasePath);
        using var second = new EmailNodeFactory(_databasePath);
        _ = first.BaseAddress;
        _ = second.BaseAddress;
        var recipients = Enumerable.Range(0, 40).Select(_ => AccountSteps.NewEmail()).ToList();

        var ids = new List<long>();
        foreach (var recipient in recipients)
            ids.Add(await (ids.Count % 2 == 0 ? first : second).QueueAsync(recipient, "Once only"));

        foreach (var id in ids)
            await first.EmailReachesAsync(id, e => e.Status == EmailStatus.Sent, $"e-mail {id} sent");
        var sent = first.Transport.Sent.Concat(second.Transport.Sent).Select(s => s.Recipient).ToList();
        Assert.Equal(recipients.Order(), sent.Order());
        Assert.Equal(40, sent.Distinct().Count());
    }

    public void Dispose() => StorefrontFactory.DeleteDatabase(_databasePath);
}
