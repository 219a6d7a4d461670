using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Storefront.Notifications;

/// <summary>Hands one message to the outside world; throws when it could not.</summary>
public interface IEmailTransport
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}

/// <summary>Writes each message as an .eml file into <c>Email:PickupDirectory</c>, where a developer (or a test) reads it.</summary>
internal sealed class PickupDirectoryTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var directory = options.Value.PickupDirectory!;
        Directory.CreateDirectory(directory);
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = directory,
        };
        await client.SendMailAsync(message, cancellationToken);
    }
}

/// <summary>Sends through the SMTP relay in <c>Email:Smtp</c>.</summary>
internal sealed class SmtpTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(smtp.Username))
            client.Credentials = new NetworkCredential(smtp.Username, smtp.Password);
        await client.SendMailAsync(message, cancellationToken);
    }
}
