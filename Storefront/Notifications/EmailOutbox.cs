using System.Net.Mail;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Background;
using Storefront.Data;

namespace Storefront.Notifications;

/// <summary>
/// The outbox table as the senders see it: due e-mails are claimed under leases written with optimistic concurrency
/// (so several nodes on one database send each e-mail once), then sent and marked Sent, or retried with backoff.
/// </summary>
public sealed partial class EmailOutbox(
    StorefrontDbContext db,
    IEmailTransport transport,
    TimeProvider time,
    IOptions<EmailOptions> options,
    ILogger<EmailOutbox> logger)
{
    /// <summary>Claims due Pending e-mails for <paramref name="owner"/>'s sender.</summary>
    public Task<IReadOnlyList<long>> ClaimDueAsync(string owner, CancellationToken cancellationToken) =>
        db.ClaimDueAsync<OutgoingEmail>(e => e.Status == EmailStatus.Pending, owner, time.GetUtcNow().UtcDateTime, options.Value, logger,
            cancellationToken);

    /// <summary>Sends one claimed e-mail and records the outcome; does nothing when the lease is no longer <paramref name="owner"/>'s.</summary>
    public async Task SendAsync(long emailId, string owner, MailAddress from, CancellationToken cancellationToken)
    {
        var email = await db.OutgoingEmails.SingleOrDefaultAsync(e => e.Id == emailId, cancellationToken);
        if (email is null || !email.IsLeasedBy(owner) || email.Status != EmailStatus.Pending)
            return;

        try
        {
            using var message = Compose(email, from);
            await transport.SendAsync(message, cancellationToken);
            email.MarkSent(time.GetUtcNow().UtcDateTime);
            LogSent(logger, email.Id, email.Kind, email.Attempts);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var settings = options.Value;
            email.Fail(Describe(ex, email, from), time.GetUtcNow().UtcDateTime, settings.RetryDelayAfter(email.Attempts), settings.MaxAttempts);
            if (email.Status == EmailStatus.Failed)
                LogGaveUp(logger, email.Id, email.Kind, email.OrderId, email.Attempts, ex.GetType().Name);
            else
                LogRetry(logger, email.Id, email.Kind, email.Attempts, email.NextAttemptAt, ex.GetType().Name);
        }
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The lease ran out mid-send and another node took the row over: it sends (again) and records the outcome.
            LogLeaseLost(logger, email.Id);
        }
    }

    private static MailMessage Compose(OutgoingEmail email, MailAddress from)
    {
        var message = new MailMessage
        {
            From = from,
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(email.Recipient);
        message.Headers.Add("X-Storefront-Email", email.DeduplicationKey);
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.TextBody, Encoding.UTF8, "text/plain"));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.HtmlBody, Encoding.UTF8, "text/html"));
        return message;
    }

    // Transports quote addresses in their errors ("Mailbox unavailable: ann@…"): they never reach the row or the log.
    private static string Describe(Exception exception, OutgoingEmail email, MailAddress from) =>
        $"{exception.GetType().Name}: {exception.Message}"
            .Replace(email.Recipient, "<recipient>", StringComparison.OrdinalIgnoreCase)
            .Replace(from.Address, "<sender>", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {EmailId} ({Kind}) sent on try {Attempt}")]
    private static partial void LogSent(ILogger logger, long emailId, EmailKind kind, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {EmailId} ({Kind}) failed on try {Attempt} ({Error}); next try at {NextAttemptAt:o}")]
    private static partial void LogRetry(ILogger logger, long emailId, EmailKind kind, int attempt, DateTime nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {EmailId} ({Kind}, order {OrderId}) failed {Attempts} times ({Error}): given up, marked Failed")]
    private static partial void LogGaveUp(ILogger logger, long emailId, EmailKind kind, int? orderId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {EmailId}: its lease was taken over by another sender before the outcome was saved")]
    private static partial void LogLeaseLost(ILogger logger, long emailId);
}
