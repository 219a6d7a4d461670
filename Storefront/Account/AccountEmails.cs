using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.WebUtilities;
using Storefront.Notifications;

namespace Storefront.Account;

/// <summary>
/// The e-mails registration sends: the confirmation link for a new account, and for an address that already has one,
/// a notice to its owner instead of an error on the screen (which would tell a stranger the account exists). Links
/// are built on <c>Storefront:PublicBaseUrl</c>, never on the request's host.
/// </summary>
public sealed class AccountEmails(UserManager<Shopper> users, IEmailSender sender, EmailLinks links)
{
    public const string ConfirmSubject = "Confirm your email";
    public const string AlreadyRegisteredSubject = "You already have a Storefront account";

    public async Task SendConfirmationAsync(Shopper user, string? returnUrl)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = Link("/Identity/Account/ConfirmEmail", new() { ["userId"] = user.Id, ["code"] = code, ["returnUrl"] = returnUrl });
        await sender.SendEmailAsync(user.Email!, ConfirmSubject, $"Please confirm your account by <a href='{Encode(link)}'>clicking here</a>.");
    }

    public Task SendAlreadyRegisteredAsync(Shopper user) =>
        sender.SendEmailAsync(user.Email!, AlreadyRegisteredSubject,
            "Someone, perhaps you, tried to register a new account with this e-mail address, which already has one. "
            + $"If it was you, <a href='{Encode(Link("/Identity/Account/Login", new()))}'>log in</a> instead, or "
            + $"<a href='{Encode(Link("/Identity/Account/ForgotPassword", new()))}'>reset your password</a> if you have forgotten it. "
            + "If it was not you, ignore this message: nothing has changed.");

    private string Link(string path, Dictionary<string, string?> query) =>
        QueryHelpers.AddQueryString(links.BaseUrl() + path, query.Where(q => q.Value is not null));

    private static string Encode(string url) => WebUtility.HtmlEncode(url);
}
