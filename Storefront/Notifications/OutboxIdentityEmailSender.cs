using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.Localization;

namespace Storefront.Notifications;

/// <summary>
/// Identity UI's e-mail sender (password reset, e-mail confirmation): queued into the outbox and saved at once,
/// so these links are really sent, with retries, like every other e-mail. Identity writes its two messages in
/// English from the request's host; each is known by its subject and written again in the language of the request
/// that caused it (the shopper's), around Identity's link moved onto the shop's own base URL
/// (<see cref="EmailLinks.OnBaseUrl"/>), so that a forged Host header cannot send a shopper elsewhere.
/// </summary>
internal sealed class OutboxIdentityEmailSender(StorefrontDbContext db, EmailQueue emails, EmailLinks links, IStringLocalizer<SharedResource> localizer) : IEmailSender
{
    public const string ConfirmationSubject = "Confirm your email";
    public const string PasswordResetSubject = "Reset your password";

    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        emails.Account(email, Render(subject, links.OnBaseUrl(htmlMessage)));
        await db.SaveChangesAsync();
    }

    private RenderedEmail Render(string subject, string htmlMessage) => (subject, EmailTemplates.FirstLink(htmlMessage)) switch
    {
        (ConfirmationSubject, { } link) => EmailTemplates.Render(localizer, localizer["Confirm your email"], name: null,
            [localizer["Please confirm your e-mail address with the link below."]], items: null, link, localizer["Confirm your e-mail address"]),
        (PasswordResetSubject, { } link) => EmailTemplates.Render(localizer, localizer["Reset your password"], name: null,
            [localizer["Someone asked to reset the password of your account. If it was you, choose a new password with the link below; if not, you can ignore this e-mail."]],
            items: null, link, localizer["Choose a new password"]),
        _ => EmailTemplates.Account(subject, htmlMessage),
    };
}
