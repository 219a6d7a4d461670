using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.Localization;
using Storefront.Notifications;

namespace Storefront.Account;

/// <summary>
/// The e-mails the account pages send: the confirmation link for a new account, the password reset, the link that
/// confirms a new address, and for an address that already has an account, a notice to its owner instead of an error
/// on the screen (which would tell a stranger the account exists). Each is written in the language of the request that
/// causes it, which is the shopper's, and queued through the outbox and saved at once. Links are built on
/// <c>Storefront:PublicBaseUrl</c>, never on the request's host.
/// </summary>
public sealed class AccountEmails(
    UserManager<Shopper> users, StorefrontDbContext db, EmailQueue queue, EmailLinks links, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The subjects in English, as sent to a shopper reading English.</summary>
    public const string ConfirmSubject = "Confirm your email";
    public const string AlreadyRegisteredSubject = "You already have a Storefront account";
    public const string ResetPasswordSubject = "Reset your password";
    public const string ChangeEmailSubject = "Confirm your new e-mail address";

    public async Task SendConfirmationAsync(Shopper user, string? returnUrl)
    {
        var code = EncodeToken(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link("/Identity/Account/ConfirmEmail", new() { ["userId"] = user.Id, ["code"] = code, ["returnUrl"] = returnUrl });
        await SendAsync(user.Email!, localizer["Confirm your email"],
            [localizer["Please confirm your e-mail address with the link below."]], link, localizer["Confirm your e-mail address"]);
    }

    public Task SendAlreadyRegisteredAsync(Shopper user) =>
        SendAsync(user.Email!, localizer["You already have a Storefront account"],
            [
                localizer["Someone, perhaps you, tried to register a new account with this e-mail address, which already has one."],
                localizer["If it was you, log in instead. If you have forgotten your password, choose \"Forgot your password?\" on the log-in page."],
                localizer["If it was not you, ignore this message: nothing has changed."],
            ],
            Link("/Identity/Account/Login", new()), localizer["Log in"]);

    public async Task SendPasswordResetAsync(Shopper user)
    {
        var code = EncodeToken(await users.GeneratePasswordResetTokenAsync(user));
        await SendAsync(user.Email!, localizer["Reset your password"],
            [localizer["Someone asked to reset the password of your account. If it was you, choose a new password with the link below; if not, you can ignore this e-mail."]],
            Link("/Identity/Account/ResetPassword", new() { ["code"] = code }), localizer["Choose a new password"]);
    }

    /// <summary>Sent to the new address: the account keeps its old one until the link is followed.</summary>
    public async Task SendEmailChangeAsync(Shopper user, string newEmail)
    {
        var code = EncodeToken(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = Link("/Identity/Account/ConfirmEmailChange", new() { ["userId"] = user.Id, ["email"] = newEmail, ["code"] = code });
        await SendAsync(newEmail, localizer["Confirm your new e-mail address"],
            [
                localizer["You asked to change the e-mail address of your Storefront account to this one. Confirm it with the link below; until then the account keeps its current address."],
                localizer["If you did not ask for this, ignore this e-mail: nothing changes."],
            ],
            link, localizer["Confirm the new address"]);
    }

    /// <summary>The token as it travels in a link; <see cref="DecodeToken"/> reads it back.</summary>
    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token from a link, or null when the link was damaged (not base64url).</summary>
    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code))
            return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task SendAsync(string recipient, string subject, IReadOnlyList<string> paragraphs, string link, string linkText)
    {
        queue.Account(recipient, EmailTemplates.Render(localizer, subject, name: null, paragraphs, items: null, link, linkText));
        await db.SaveChangesAsync();
    }

    private string Link(string path, Dictionary<string, string?> query) =>
        QueryHelpers.AddQueryString(links.BaseUrl() + path, query.Where(q => q.Value is not null));
}
