using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Storefront.Notifications;

/// <summary>Hands one message to the outside world; throws when it could not.</summary>
public interface IEmailTransport
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Writes each message as an .eml file into <c>Email:PickupDirectory</c>, where a developer (or a test, or a relay that
/// watches the folder) reads it. The file is written in a folder of its own first and then moved in, so a reader never
/// finds half a message.
/// </summary>
internal sealed class PickupDirectoryTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.PickupDirectory!);
        var writing = Directory.CreateDirectory(Path.Combine(directory, ".writing", Guid.NewGuid().ToString("N")));
        try
        {
            using (var client = new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = writing.FullName,
            })
            {
                await client.SendMailAsync(message, cancellationToken);
            }
            foreach (var file in writing.GetFiles("*.eml"))
                file.MoveTo(Path.Combine(directory, file.Name));
        }
        finally
        {
            writing.Delete(recursive: true);
        }
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
