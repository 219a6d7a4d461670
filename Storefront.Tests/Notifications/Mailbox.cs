using System.Collections.Concurrent;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Storefront.Notifications;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Notifications;

/// <summary>The .eml files an app wrote to its pickup directory, and its outbox rows.</summary>
public static class Mailbox
{
    public static IReadOnlyList<MimeMessage> Messages(this StorefrontFactory app) =>
        Directory.Exists(app.PickupDirectory)
            ? Directory.GetFiles(app.PickupDirectory, "*.eml").Select(path => MimeMessage.Load(path)).ToList()
            : [];

    /// <summary>The one message whose subject contains <paramref name="subject"/>, once the sender has written it.</summary>
    public static async Task<MimeMessage> MessageAboutAsync(this StorefrontFactory app, string subject)
    {
        var messages = await Eventually.ReachesAsync(() => Task.FromResult(app.Messages().Where(m => (m.Subject ?? "").Contains(subject, StringComparison.Ordinal)).ToList()),
            found => found.Count > 0, $"an e-mail about '{subject}' in the pickup directory", describe: found => $"{found.Count} e-mails");
        return Assert.Single(messages);
    }

    public static Task<List<OutgoingEmail>> EmailsOfOrderAsync(this StorefrontFactory app, string orderNumber) =>
        app.WithDbAsync(db => db.OutgoingEmails.AsNoTracking()
            .Where(e => db.Orders.Any(o => o.Id == e.OrderId && o.Number == orderNumber))
            .OrderBy(e => e.Id).ToListAsync());

    public static Task<OutgoingEmail> EmailReachesAsync(this StorefrontFactory app, long emailId, Func<OutgoingEmail, bool> holds, string expectation) =>
        Eventually.ReachesAsync(() => app.WithDbAsync(db => db.OutgoingEmails.AsNoTracking().SingleAsync(e => e.Id == emailId)),
            holds, expectation, describe: e => $"{e.Status}, {e.Attempts} tries, error {e.LastError}");

    /// <summary>Queues an e-mail about no order straight into the outbox, as another node would.</summary>
    public static async Task<long> QueueAsync(this StorefrontFactory app, string recipient, string subject)
    {
        var email = new OutgoingEmail(EmailKind.Account, $"test:{Guid.NewGuid():N}", recipient, subject, $"Text of {subject}",
            $"<p>HTML of {subject}</p>", orderId: null, DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.OutgoingEmails.Add(email);
            await db.SaveChangesAsync();
        });
        return email.Id;
    }

    /// <summary>The first absolute link in a text body that starts with <paramref name="baseAddress"/>.</summary>
    public static Uri LinkIn(string text, Uri baseAddress)
    {
        var start = text.IndexOf(baseAddress.AbsoluteUri, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No link to {baseAddress} in:\n{text}");
        var end = text.IndexOfAny([' ', '\r', '\n', ')'], start);
        return new Uri(end < 0 ? text[start..] : text[start..end]);
    }
}

/// <summary>
/// A transport the test controls: it records what it sends, and throws for recipients told to fail (an SMTP
/// refusal that quotes the address, as real relays do).
/// </summary>
public sealed class RecordingTransport : IEmailTransport
{
    public ConcurrentQueue<(string Recipient, string Subject, DateTime At)> Sent { get; } = new();

    public ConcurrentQueue<(string Recipient, DateTime At)> Failures { get; } = new();

    /// <summary>Recipients whose messages fail until removed.</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    public Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var recipient = message.To.Single().Address;
        if (Failing.ContainsKey(recipient))
        {
            Failures.Enqueue((recipient, DateTime.UtcNow));
            throw new SmtpFailedRecipientException(SmtpStatusCode.MailboxUnavailable, recipient, $"550 5.1.1 <{recipient}>: Recipient address rejected");
        }
        Sent.Enqueue((recipient, message.Subject, DateTime.UtcNow));
        return Task.CompletedTask;
    }
}
