using Storefront.Notifications;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Notifications;

/// <summary>The store configured for an SMTP relay, as in Production, with a relay of our own on loopback.</summary>
public sealed class SmtpRelayFactory : StorefrontFactory
{
    public const string UserName = "storefront-relay";

    public const string Password = "relay-password-for-tests";

    public const string FromAddress = "orders@shop.example.com";

    public SmtpRelayFactory()
    {
        Settings["Email:Delivery"] = "Smtp";
        Settings["Email:From"] = $"Storefront <{FromAddress}>";
        Settings["Email:Smtp:Host"] = "127.0.0.1";
        Settings["Email:Smtp:Port"] = Relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Email:Smtp:EnableSsl"] = "false";
        Settings["Email:Smtp:Username"] = UserName;
        Settings["Email:Smtp:Password"] = Password;
        Settings["Email:PollInterval"] = "00:00:00.050";
        Settings["Email:RetryDelay"] = "00:00:00.100";
        Settings["Email:MaxRetryDelay"] = "00:00:00.500";
    }

    public SmtpRelay Relay { get; } = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Relay.Dispose();
    }
}

public sealed class SmtpTransportTests(SmtpRelayFactory app) : IClassFixture<SmtpRelayFactory>
{
    [Fact]
    public async Task An_email_goes_through_the_relay_signed_in_with_the_configured_account()
    {
        var recipient = AccountSteps.NewEmail();

        var id = await app.QueueAsync(recipient, "Your order SF-TEST0001 is confirmed · 주문 확인");

        var sent = await app.EmailReachesAsync(id, e => e.Status == EmailStatus.Sent, "sent through the relay");
        Assert.Equal(1, sent.Attempts);
        var relayed = Assert.Single(app.Relay.Messages, m => m.Recipients.Contains(recipient));
        Assert.Equal((SmtpRelayFactory.UserName, SmtpRelayFactory.Password), (relayed.UserName, relayed.Password));
        Assert.Equal(SmtpRelayFactory.FromAddress, relayed.Sender);
        Assert.Equal([recipient], relayed.Recipients);
        Assert.Equal("Your order SF-TEST0001 is confirmed · 주문 확인", relayed.Message.Subject);
        Assert.Equal(SmtpRelayFactory.FromAddress, relayed.Message.From.Mailboxes.Single().Address);
        Assert.Contains("Text of Your order SF-TEST0001", relayed.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>HTML of Your order SF-TEST0001", relayed.Message.HtmlBody, StringComparison.Ordinal);
        app.Logs.AssertNeverMentions(recipient, SmtpRelayFactory.Password);
    }

    [Fact]
    public async Task A_recipient_the_relay_refuses_is_retried_without_its_address_on_record_and_sent_once_accepted()
    {
        var recipient = AccountSteps.NewEmail();
        app.Relay.RefusedRecipients[recipient] = true;

        var id = await app.QueueAsync(recipient, "Refused for now");

        var refused = await app.EmailReachesAsync(id, e => e.Attempts >= 2, "refused twice by the relay");
        Assert.Equal(EmailStatus.Pending, refused.Status);
        Assert.Contains(nameof(MailKit.Net.Smtp.SmtpCommandException), refused.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(recipient, refused.LastError, StringComparison.OrdinalIgnoreCase);

        app.Relay.RefusedRecipients.TryRemove(recipient, out _);

        await app.EmailReachesAsync(id, e => e.Status == EmailStatus.Sent, "sent once the relay accepts the recipient");
        Assert.Single(app.Relay.Messages, m => m.Recipients.Contains(recipient));
        app.Logs.AssertNeverMentions(recipient);
    }
}
