using System.Net;

namespace Storefront.Tests.Infrastructure;

/// <summary>Registers, logs in and logs out through the real Identity UI forms, as a shopper would.</summary>
public static class AccountSteps
{
    public const string Password = "Shopper-Pass-2026";

    /// <summary>An email address no other test uses.</summary>
    public static string NewEmail() => $"shopper-{Guid.NewGuid():N}@test.local";

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

    /// <summary>Registers a new shopper and fails the test unless the shopper ends up signed in.</summary>
    public static async Task<string> RegisterNewShopperAsync(this Browser browser)
    {
        var email = NewEmail();
        var response = await browser.RegisterAsync(email);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Registering {email} answered {(int)response.StatusCode}, not a redirect.");
        return email;
    }

    /// <summary>The name the header shows for the signed-in user, or null for a guest.</summary>
    public static async Task<string?> SignedInNameAsync(this Browser browser)
    {
        var page = await browser.GetAsync("/");
        return page.Document.QuerySelector(".account-links a[href='/Identity/Account/Manage']")?.TextContent.Trim();
    }
}
