using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Account;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Security;

/// <summary>The store with lockout after three wrong passwords, for ten minutes.</summary>
public sealed class LockoutFactory : StorefrontFactory
{
    public LockoutFactory()
    {
        Settings["Security:Lockout:MaxFailedAttempts"] = "3";
        Settings["Security:Lockout:Duration"] = "00:10:00";
    }
}

/// <summary>Log-in locks an account after repeated wrong passwords; no account page tells a stranger whether an e-mail has an account.</summary>
public sealed class AccountEnumerationTests(LockoutFactory app) : IClassFixture<LockoutFactory>
{
    private const string WrongPassword = "Not-The-Password-1";

    [Fact]
    public async Task After_three_wrong_passwords_the_account_is_locked_and_even_the_right_one_is_refused()
    {
        using var browser = app.CreateBrowser();
        var email = await LockedOutShopperAsync(browser);

        var locked = await browser.LogInAsync(email);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Null(await browser.SignedInNameAsync());
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Contains("locked for 10 minutes", RefusalOf(await Browser.Page.LoadAsync(locked)));
    }

    [Fact]
    public async Task A_locked_account_an_unknown_address_and_an_unconfirmed_account_are_refused_in_the_same_words()
    {
        using var browser = app.CreateBrowser();
        var lockedEmail = await LockedOutShopperAsync(browser);
        var unconfirmed = AccountSteps.NewEmail();
        await browser.RegisterAsync(unconfirmed);

        var answers = new[]
        {
            await browser.LogInAsync(lockedEmail),
            await browser.LogInAsync(AccountSteps.NewEmail()),
            await browser.LogInAsync(unconfirmed),
            await browser.LogInAsync(unconfirmed, WrongPassword),
        };

        var refusals = new List<string>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            refusals.Add(RefusalOf(await Browser.Page.LoadAsync(answer)));
        }
        Assert.Single(refusals.Distinct());
        Assert.StartsWith("Invalid login attempt.", refusals[0], StringComparison.Ordinal);
        Assert.Contains("After 3 wrong passwords in a row an account is locked for 10 minutes", refusals[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_like_a_new_one_and_e_mails_its_owner_instead()
    {
        using var owner = app.CreateBrowser();
        var taken = await owner.RegisterNewShopperAsync();
        using var stranger = app.CreateBrowser();
        var fresh = AccountSteps.NewEmail();

        var forTaken = await stranger.RegisterAsync(taken, "Another-Pass-2026");
        var forFresh = await stranger.RegisterAsync(fresh, "Another-Pass-2026");

        Assert.Equal(HttpStatusCode.Redirect, forTaken.StatusCode);
        Assert.Equal(forFresh.Headers.Location, forTaken.Headers.Location);
        var confirmation = await stranger.GetAsync(forTaken.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, confirmation.Status);
        Assert.Contains("We've sent a message", confirmation.Document.QuerySelector("[data-testid=register-confirmation]")?.TextContent);
        Assert.Null(await stranger.SignedInNameAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == taken)));
        var subjects = await SubjectsTo(taken);
        Assert.Equal([AccountEmails.ConfirmSubject, AccountEmails.AlreadyRegisteredSubject], subjects);
        Assert.Equal([AccountEmails.ConfirmSubject], await SubjectsTo(fresh));
        // The owner's password is untouched.
        await owner.LogOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await owner.LogInAsync(taken)).StatusCode);
    }

    [Fact]
    public async Task A_weak_password_is_refused_on_the_page_for_a_taken_address_and_a_new_one_alike()
    {
        using var owner = app.CreateBrowser();
        var taken = await owner.RegisterNewShopperAsync();
        using var stranger = app.CreateBrowser();

        var forTaken = await Browser.Page.LoadAsync(await stranger.RegisterAsync(taken, "weakpassword"));
        var forFresh = await Browser.Page.LoadAsync(await stranger.RegisterAsync(AccountSteps.NewEmail(), "weakpassword"));

        Assert.Equal(HttpStatusCode.OK, forTaken.Status);
        var errors = forTaken.Document.QuerySelector(".validation-summary-errors")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(errors));
        Assert.Equal(errors, forFresh.Document.QuerySelector(".validation-summary-errors")?.TextContent);
        Assert.DoesNotContain("taken", errors, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([AccountEmails.ConfirmSubject], await SubjectsTo(taken));
    }

    [Fact]
    public async Task Forgot_password_and_the_confirmation_pages_answer_alike_for_unknown_addresses()
    {
        using var owner = app.CreateBrowser();
        var known = await owner.RegisterNewShopperAsync();
        using var stranger = app.CreateBrowser();
        var unknown = AccountSteps.NewEmail();

        var answers = new List<string?>();
        foreach (var email in new[] { known, unknown })
        {
            foreach (var form in new[] { "/Identity/Account/ForgotPassword", "/Identity/Account/ResendEmailConfirmation" })
            {
                var page = await stranger.GetAsync(form);
                var response = await stranger.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Email"] = email });
                answers.Add($"{(int)response.StatusCode} {response.Headers.Location} {(await Browser.Page.LoadAsync(response)).Document.QuerySelector("main")?.TextContent.Trim()}");
            }
            Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync($"/Identity/Account/RegisterConfirmation?email={Uri.EscapeDataString(email)}")).Status);
        }

        Assert.Equal(answers[..2], answers[2..]);
        Assert.Empty(await SubjectsTo(unknown));
    }

    /// <summary>A new shopper, logged out, whose password was then given wrong three times in a row.</summary>
    private static async Task<string> LockedOutShopperAsync(Browser browser)
    {
        var email = await browser.RegisterNewShopperAsync();
        await browser.LogOutAsync();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.LogInAsync(email, WrongPassword)).StatusCode);
        return email;
    }

    private static string RefusalOf(Browser.Page page) =>
        string.Join(' ', (page.Document.QuerySelector("[data-testid=login-refused]")?.TextContent ?? "")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private Task<List<string>> SubjectsTo(string recipient) =>
        app.WithDbAsync(db => db.OutgoingEmails.Where(e => e.Recipient == recipient).OrderBy(e => e.Id).Select(e => e.Subject).ToListAsync());
}
