using Microsoft.AspNetCore.Identity.UI.Services;
using Storefront.Data;

namespace Storefront.Notifications;

/// <summary>
/// Identity UI's e-mail sender, for a message of an Identity UI page the shop did not replace: queued into the outbox
/// and saved at once, so it is really sent, with retries, like every other e-mail, with its links moved onto the shop's
/// own base URL (<see cref="EmailLinks.OnBaseUrl"/>) so that a forged Host header cannot send a shopper elsewhere. The
/// account pages the shop serves write their e-mails themselves, in the shopper's language (<c>Account/AccountEmails</c>).
/// </summary>
internal sealed class OutboxIdentityEmailSender(StorefrontDbContext db, EmailQueue emails, EmailLinks links) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        emails.Account(email, EmailTemplates.Account(subject, links.OnBaseUrl(htmlMessage)));
        await db.SaveChangesAsync();
    }
}
