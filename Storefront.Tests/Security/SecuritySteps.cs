using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Account;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Security;

public static class SecuritySteps
{
    /// <summary>This browser's antiforgery token, as any of its pages carries it (the header's country picker).</summary>
    public static async Task<string> AntiforgeryTokenAsync(this Browser browser)
    {
        var page = await browser.GetAsync("/");
        return page.Document.QuerySelector("form.country-picker input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    /// <summary>Posts <paramref name="fields"/> (and this browser's antiforgery token) to <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this Browser browser, string url, IDictionary<string, string>? fields = null)
    {
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync(),
        };
        return await browser.Client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Every request of this browser now comes, as the load balancer says, from <paramref name="address"/>.</summary>
    public static Browser From(this Browser browser, IPAddress address)
    {
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", address.ToString());
        return browser;
    }

    /// <summary>An address (from the range kept for tests of networks) that no other test of this run uses.</summary>
    public static IPAddress NewAddress()
    {
        var next = Interlocked.Increment(ref _next);
        return new IPAddress([198, 18, (byte)(next >> 8), (byte)next]);
    }

    private static int _next;

    /// <summary>A shopper whose address is confirmed: Identity only sends reset links to those.</summary>
    public static async Task<string> ConfirmedShopperAsync(this StorefrontFactory app)
    {
        var email = AccountSteps.NewEmail();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Shopper>>();
        var created = await users.CreateAsync(new Shopper { UserName = email, Email = email, EmailConfirmed = true }, AccountSteps.Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return email;
    }

    /// <summary>The e-mails queued for <paramref name="email"/>, oldest first.</summary>
    public static Task<List<(string TextBody, string HtmlBody)>> AccountEmailsToAsync(this StorefrontFactory app, string email) =>
        app.WithDbAsync(async db => (await db.OutgoingEmails.Where(e => e.Recipient == email).OrderBy(e => e.Id).Select(e => new { e.TextBody, e.HtmlBody }).ToListAsync())
            .Select(e => (e.TextBody, e.HtmlBody)).ToList());
}
