using System.Net;
using Storefront.Notifications;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Notifications;

/// <summary>Identity's e-mails ("Forgot password", the e-mail confirmation) are queued a real e-mail through the outbox, and its link resets the password.</summary>
public sealed class AccountEmailTests(NotificationsFactory app) : IClassFixture<NotificationsFactory>
{
    private const string NewPassword = "Brand-New-Pass-2026";

    [Fact]
    public async Task Forgot_password_sends_a_reset_link_that_resets_the_password()
    {
        using var browser = app.CreateBrowser();
        var email = await browser.RegisterNewShopperAsync();
        await browser.LogOutAsync();
        // Identity sends reset links only to confirmed addresses: the shopper follows the link e-mailed at registration.
        var confirmation = Assert.Single(await MessagesAsync(email, "Confirm your email"));
        var confirmLink = Mailbox.LinkIn(confirmation.TextBody ?? "", app.BaseAddress);
        Assert.StartsWith("/Identity/Account/ConfirmEmail", confirmLink.AbsolutePath, StringComparison.Ordinal);
        var confirmed = await browser.GetAsync(confirmLink.PathAndQuery);
        Assert.Contains("Thank you for confirming your email", confirmed.Html, StringComparison.Ordinal);

        var forgot = await browser.GetAsync("/Identity/Account/ForgotPassword");
        var asked = await browser.SubmitAsync(forgot, "main form", new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var reset = Assert.Single(await MessagesAsync(email, "Reset your password"));
        // Registering sent the e-mail confirmation link too: Identity's mail no longer goes nowhere.
        var kinds = await app.WithDbAsync(db => Task.FromResult(db.OutgoingEmails.Where(e => e.Recipient == email).Select(e => e.Kind).ToList()));
        Assert.Equal([EmailKind.Account, EmailKind.Account], kinds);
        var link = Mailbox.LinkIn(reset.TextBody ?? "", app.BaseAddress);
        Assert.StartsWith("/Identity/Account/ResetPassword", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(link.AbsoluteUri), reset.HtmlBody, StringComparison.Ordinal);

        var form = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var done = await browser.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("ResetPasswordConfirmation", done.Headers.Location!.OriginalString, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync(email, NewPassword)).StatusCode);
        Assert.Equal(email, await browser.SignedInNameAsync());
        app.Logs.AssertNeverMentions(email);
    }

    [Fact]
    public async Task A_shopper_reading_korean_is_sent_the_confirmation_link_in_korean()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");

        var email = await browser.RegisterNewShopperAsync();

        var confirmation = Assert.Single(await MessagesAsync(email, "이메일 주소를 인증해 주세요"));
        Assert.Contains("아래 링크를 눌러 이메일 주소를 인증해 주세요.", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("이메일 주소 인증하기", confirmation.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ko-KR\">", confirmation.HtmlBody, StringComparison.Ordinal);
        var link = Mailbox.LinkIn(confirmation.TextBody ?? "", app.BaseAddress);
        Assert.StartsWith("/Identity/Account/ConfirmEmail", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(link.AbsoluteUri), confirmation.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link.PathAndQuery)).Status);
    }

    private Task<List<MimeKit.MimeMessage>> MessagesAsync(string recipient, string subject) =>
        Eventually.ReachesAsync(
            () => Task.FromResult(app.Messages().Where(m => m.To.Mailboxes.Any(to => to.Address == recipient) && m.Subject == subject).ToList()),
            found => found.Count > 0, $"'{subject}' e-mailed to the shopper", describe: found => $"{found.Count} e-mails");
}
