using System.Net.Mail;
using Microsoft.Extensions.Options;
using Storefront.Background;

namespace Storefront.Notifications;

/// <summary>
/// Works off the outbox: claims due e-mails under leases and sends them one by one, woken when an e-mail is committed
/// on this node.
/// </summary>
public sealed class EmailDispatcher(
    IServiceScopeFactory scopes,
    EmailSignal signal,
    TimeProvider time,
    IOptions<EmailOptions> options,
    ILogger<EmailDispatcher> logger) : LeasedQueueWorker(scopes, signal, time, logger)
{
    protected override string Name => $"E-mail sender ({options.Value.DeliveryMethod()})";

    protected override LeasedQueueOptions Settings => options.Value;

    protected override Task<IReadOnlyList<long>> ClaimDueAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<EmailOutbox>().ClaimDueAsync(Owner, cancellationToken);

    protected override Task HandleAsync(IServiceProvider services, long id, CancellationToken cancellationToken) =>
        services.GetRequiredService<EmailOutbox>().SendAsync(id, Owner, new MailAddress(options.Value.From!), cancellationToken);
}
