using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MailMessage = System.Net.Mail.MailMessage;

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
        var writing = Directory.CreateDirectory(Path.Combine(directory, ".writing"));
        var name = $"{Guid.NewGuid():N}.eml";
        var partial = Path.Combine(writing.FullName, name);
        try
        {
            using var mime = MimeMessage.CreateFromMailMessage(message);
            await mime.WriteToAsync(partial, cancellationToken);
            File.Move(partial, Path.Combine(directory, name));
        }
        finally
        {
            File.Delete(partial);
        }
    }
}

/// <summary>Sends through the SMTP relay in <c>Email:Smtp</c>, with MailKit.</summary>
internal sealed class SmtpTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var mime = MimeMessage.CreateFromMailMessage(message);
        using var client = new SmtpClient();
        // EnableSsl asks for TLS, never a silent fall-back to plain text: on connect for port 465, else by STARTTLS.
        var security = !smtp.EnableSsl ? SecureSocketOptions.None
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
