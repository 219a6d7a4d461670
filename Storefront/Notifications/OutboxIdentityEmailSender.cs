using Microsoft.AspNetCore.Identity.UI.Services;
using Storefront.Data;

namespace Storefront.Notifications;

/// <summary>
/// Identity UI's e-mail sender (password reset, e-mail confirmation): queued into the outbox and saved at once,
/// so these links are really sent, with retries, like every other e-mail. Identity UI builds its links from the
/// request's host; they are moved onto the shop's own base URL (<see cref="EmailLinks.OnBaseUrl"/>) first.
/// </summary>
internal sealed class OutboxIdentityEmailSender(StorefrontDbContext db, EmailQueue emails, EmailLinks links) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        emails.Account(email, EmailTemplates.Account(subject, links.OnBaseUrl(htmlMessage)));
        await db.SaveChangesAsync();
    }
}
