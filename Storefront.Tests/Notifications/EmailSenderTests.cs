using Microsoft.Extensions.Logging;
using Storefront.Notifications;
using Storefront.Tests.Infrastructure;

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
