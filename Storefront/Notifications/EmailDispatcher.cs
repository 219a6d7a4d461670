using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Storefront.Notifications;

/// <summary>
/// Works off the outbox: claims due e-mails under leases, sends them one by one, and sleeps until an e-mail is
/// committed on this node or the poll interval passes.
/// </summary>
public sealed partial class EmailDispatcher(
    IServiceScopeFactory scopes,
    EmailSignal signal,
    TimeProvider time,
    IOptions<EmailOptions> options,
    ILogger<EmailDispatcher> logger) : BackgroundService
{
    /// <summary>This sender's name on the leases it takes: unique per process, readable by the engineer on call.</summary>
    public string Owner { get; } = $"{Truncate(Environment.MachineName, 40)}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var from = new MailAddress(settings.From!);
        LogStarted(logger, Owner, settings.DeliveryMethod());
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(from, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is unreachable, say: try again at the next poll rather than stop the app.
                LogRoundFailed(logger, ex);
            }
            // A full batch means more may be due at once.
            if (claimed < settings.BatchSize)
                await signal.WaitAsync(settings.PollInterval, time, stoppingToken);
        }
    }

    private async Task<int> RunOnceAsync(MailAddress from, CancellationToken cancellationToken)
    {
        IReadOnlyList<long> claimed;
        await using (var scope = scopes.CreateAsyncScope())
            claimed = await scope.ServiceProvider.GetRequiredService<EmailOutbox>().ClaimDueAsync(Owner, cancellationToken);
        foreach (var emailId in claimed)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EmailOutbox>().SendAsync(emailId, Owner, from, cancellationToken);
        }
        return claimed.Count;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail sender {Owner} started ({Delivery})")]
    private static partial void LogStarted(ILogger logger, string owner, EmailDelivery delivery);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail sender round failed; trying again at the next poll")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
