using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Account;
using Storefront.Tests.Notifications;

namespace Storefront.Tests.Infrastructure;

/// <summary>Registers, confirms, logs in and logs out through the real Identity UI forms and e-mails, as a shopper would.</summary>
public static class AccountSteps
{
    public const string Password = "Shopper-Pass-2026";

    /// <summary>An email address no other test uses.</summary>
    public static string NewEmail() => $"shopper-{Guid.NewGuid():N}@test.local";

    /// <summary>Submits the registration form; a new account then waits for its e-mail address to be confirmed.</summary>
    public static async Task<HttpResponseMessage> RegisterAsync(this Browser browser, string email, string password = Password)
    {
        var page = await browser.GetAsync("/Identity/Account/Register");
        return await browser.SubmitAsync(page, "#registerForm", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
    }

    /// <summary>The link in the latest confirmation e-mail sent to <paramref name="email"/> (read from the outbox).</summary>
    public static async Task<Uri> ConfirmationLinkAsync(this StorefrontFactory app, string email)
    {
        var text = await app.WithDbAsync(db => db.OutgoingEmails
            // By its link, not its subject: the subject is in the shopper's language.
            .Where(e => e.Recipient == email && e.TextBody.Contains("/Identity/Account/ConfirmEmail"))
            .OrderByDescending(e => e.Id).Select(e => e.TextBody).FirstOrDefaultAsync());
        Assert.True(text is not null, $"No confirmation e-mail was queued for {email}.");
        return Mailbox.LinkIn(text, app.BaseAddress);
    }

    /// <summary>Opens the e-mailed confirmation link, as the shopper does from their mailbox.</summary>
    public static async Task<Browser.Page> ConfirmEmailAsync(this Browser browser, string email)
    {
        var app = browser.App ?? throw new InvalidOperationException("This browser does not know its app: create it with StorefrontFactory.CreateBrowser.");
        var confirmed = await browser.GetAsync((await app.ConfirmationLinkAsync(email)).PathAndQuery);
        // By its mark, not its words: the page is in the shopper's language.
        Assert.NotNull(confirmed.Document.QuerySelector("[data-testid=email-confirmed]"));
        return confirmed;
    }

    public static async Task<HttpResponseMessage> LogInAsync(this Browser browser, string email, string password = Password)
    {
        var page = await browser.GetAsync("/Identity/Account/Login");
        return await browser.SubmitAsync(page, "form#account", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Logs out with the header's "Log out" button, the way a signed-in shopper does.</summary>
    public static async Task<HttpResponseMessage> LogOutAsync(this Browser browser)
    {
        var page = await browser.GetAsync("/");
        return await browser.SubmitAsync(page, "form[action^='/Identity/Account/Logout']");
    }

    /// <summary>
    /// Registers a new shopper, confirms the address with the e-mailed link and logs in; fails the test unless the
    /// shopper ends up signed in.
    /// </summary>
    public static async Task<string> RegisterNewShopperAsync(this Browser browser)
    {
        var email = NewEmail();
        var registered = await browser.RegisterAsync(email);
        if (registered.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Registering {email} answered {(int)registered.StatusCode}, not a redirect.");
        await browser.ConfirmEmailAsync(email);
        var loggedIn = await browser.LogInAsync(email);
        if (loggedIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Logging in as the new shopper {email} answered {(int)loggedIn.StatusCode}, not a redirect.");
        return email;
    }

    /// <summary>The name the header shows for the signed-in user, or null for a guest.</summary>
    public static async Task<string?> SignedInNameAsync(this Browser browser)
    {
        var page = await browser.GetAsync("/");
        return page.Document.QuerySelector(".account-links a[href='/Identity/Account/Manage']")?.TextContent.Trim();
    }
}
