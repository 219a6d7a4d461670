using System.Net;
using Storefront.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Security;

/// <summary>The store behind a load balancer (forwarded headers on) with small limits: two posts per window and policy.</summary>
public sealed class RateLimitedFactory : StorefrontFactory
{
    public const int Limit = 2;

    public RateLimitedFactory()
    {
        Settings["ForwardedHeaders_Enabled"] = "true";
        foreach (var policy in new[] { "SignIn", "Email", "Payment" })
        {
            Settings[$"Security:RateLimits:{policy}:PermitLimit"] = Limit.ToString();
            Settings[$"Security:RateLimits:{policy}:Window"] = "00:10:00";
        }
    }
}

public sealed class RateLimitTests(RateLimitedFactory app) : IClassFixture<RateLimitedFactory>
{
    public static TheoryData<string?, string> LimitedPages()
    {
        var pages = new TheoryData<string?, string>();
        foreach (var (area, page, _) in RateLimits.Pages)
            pages.Add(area, page);
        return pages;
    }

    [Fact]
    public async Task Log_ins_past_the_limit_get_429_with_retry_after_and_a_readable_page()
    {
        using var browser = app.CreateBrowser().From(SecuritySteps.NewAddress());

        for (var i = 0; i < RateLimitedFactory.Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.LogInAsync(AccountSteps.NewEmail(), "Wrong-Password-1")).StatusCode);
        var refused = await browser.LogInAsync(AccountSteps.NewEmail(), "Wrong-Password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 600);
        var page = await Browser.Page.LoadAsync(refused);
        Assert.Equal("Too many attempts", page.Document.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Contains("minutes", page.Document.QuerySelector("main")?.TextContent);
        // Opening the form is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Identity/Account/Login")).Status);
    }

    [Fact]
    public async Task Another_address_is_not_held_back_by_one_that_hit_the_limit()
    {
        using var attacker = app.CreateBrowser().From(SecuritySteps.NewAddress());
        for (var i = 0; i <= RateLimitedFactory.Limit; i++)
            await attacker.LogInAsync(AccountSteps.NewEmail(), "Wrong-Password-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.LogInAsync(AccountSteps.NewEmail(), "Wrong-Password-1")).StatusCode);

        using var shopper = app.CreateBrowser().From(SecuritySteps.NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await shopper.LogInAsync(AccountSteps.NewEmail(), "Wrong-Password-1")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(LimitedPages))]
    public async Task Every_limited_page_answers_429_past_its_limit(string? area, string page)
    {
        using var browser = app.CreateBrowser().From(SecuritySteps.NewAddress());
        // The payment pages are an account's: signed in, the account is what is limited.
        var url = area is null ? PaymentUrl(page) : $"/{area}{page}";
        if (area is null && page != "/Orders/Link")
            await browser.RegisterNewShopperAsync();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedFactory.Limit; i++)
            answers.Add((await browser.PostFormAsync(url)).StatusCode);

        Assert.All(answers.Take(RateLimitedFactory.Limit), status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.Client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_e_mail_forms_share_one_limit_so_a_script_cannot_spread_over_them()
    {
        using var browser = app.CreateBrowser().From(SecuritySteps.NewAddress());
        var fields = new Dictionary<string, string> { ["Input.Email"] = AccountSteps.NewEmail() };

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync("/Identity/Account/ForgotPassword", fields)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync("/Identity/Account/ResendEmailConfirmation", fields)).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync("/orders/link")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_shopper_is_limited_as_an_account_not_by_the_address_they_share()
    {
        var office = SecuritySteps.NewAddress();
        using var first = app.CreateBrowser().From(office);
        using var second = app.CreateBrowser().From(office);
        await first.RegisterNewShopperAsync();
        await second.RegisterNewShopperAsync();

        for (var i = 0; i < RateLimitedFactory.Limit; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await first.PostFormAsync("/checkout")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.PostFormAsync("/checkout")).StatusCode);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await second.PostFormAsync("/checkout")).StatusCode);
    }

    [Fact]
    public async Task Adyen_webhooks_are_never_rate_limited()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", SecuritySteps.NewAddress().ToString());

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedFactory.Limit * 5; i++)
            answers.Add((await client.PostAsync("/webhooks/adyen", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
    }

    private static string PaymentUrl(string page) => page switch
    {
        "/Checkout/Index" => "/checkout",
        "/Checkout/PayOrder" => "/account/orders/SF-00000000/pay",
        "/Checkout/Reorder" => "/account/orders/SF-00000000/reorder?handler=Pay",
        "/Orders/Link" => "/orders/link",
        _ => throw new ArgumentException($"No address known for {page}: add it here.", nameof(page)),
    };
}

/// <summary>The limits switched off (Security:RateLimits:Enabled=false), as a load test or a shop behind its own limiter does.</summary>
public sealed class UnlimitedFactory : StorefrontFactory
{
    public UnlimitedFactory()
    {
        Settings["Security:RateLimits:Enabled"] = "false";
        Settings["Security:RateLimits:SignIn:PermitLimit"] = "1";
    }
}

public sealed class RateLimitsOffTests(UnlimitedFactory app) : IClassFixture<UnlimitedFactory>
{
    [Fact]
    public async Task With_the_limits_off_no_post_is_refused()
    {
        using var browser = app.CreateBrowser();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            answers.Add((await browser.LogInAsync(AccountSteps.NewEmail(), "Wrong-Password-1")).StatusCode);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
