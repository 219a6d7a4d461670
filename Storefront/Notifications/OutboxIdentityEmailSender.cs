using Microsoft.AspNetCore.Identity.UI.Services;
using Storefront.Data;

namespace Storefront.Notifications;

/// <summary>
/// Identity UI's e-mail sender (password reset, e-mail confirmation): queued into the outbox and saved at once,
/// so these links are really sent, with retries, like every other e-mail.
/// </summary>
internal sealed class OutboxIdentityEmailSender(StorefrontDbContext db, EmailQueue emails) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        emails.Account(email, EmailTemplates.Account(subject, htmlMessage));
        await db.SaveChangesAsync();
    }
}
