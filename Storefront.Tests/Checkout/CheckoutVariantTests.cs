using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Checkout;

/// <summary>Adyen asks for a POST redirect, and KakaoPay sends the shopper back with a POST.</summary>
public sealed class PostRedirectFactory : SandboxFactory
{
    public PostRedirectFactory()
    {
        Settings["Adyen:Sandbox:RedirectMethod"] = "Post";
        Settings["Adyen:Sandbox:ReturnMethod"] = "Post";
    }
}

public sealed class PostRedirectCheckoutTests(PostRedirectFactory app) : IClassFixture<PostRedirectFactory>
{
    [Fact]
    public async Task A_post_action_is_an_auto_submitted_form_and_a_cookieless_post_return_pays_the_order()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());

        var redirect = await Browser.Page.LoadAsync(await browser.SubmitCheckoutAsync());
        Assert.Equal(HttpStatusCode.OK, redirect.Status);
        var form = redirect.Document.QuerySelector("form#payment-redirect")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Contains("/sandbox/adyen/", form.GetAttribute("action"));
        Assert.NotEmpty(form.QuerySelectorAll("input[type=hidden]"));
        // Submitted by the site's script (no inline script: the Content-Security-Policy runs none).
        Assert.True(form.HasAttribute("data-auto-submit"));
        Assert.StartsWith("/js/site.js", redirect.Document.QuerySelector("script")?.GetAttribute("src"));

        var approval = await Browser.Page.LoadAsync(await browser.SubmitAsync(redirect, "form#payment-redirect"));
        var returning = await Browser.Page.LoadAsync(await browser.SubmitAsync(approval, "#approve-form"));
        Assert.Equal("post", returning.Document.QuerySelector("form#return-form")?.GetAttribute("method"));

        // KakaoPay's app switch can bring the shopper back in another browser: no cookies, no antiforgery token.
        using var otherBrowser = app.CreateBrowser();
        var back = await otherBrowser.SubmitAsync(returning, "form#return-form");

        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.StartsWith("/orders/SF-", back.Headers.Location!.OriginalString);
        var order = await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).FirstAsync());
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(HttpStatusCode.OK, (await otherBrowser.Client.GetAsync(back.Headers.Location)).StatusCode);
    }
}

/// <summary>Adyen answers /payments with 422.</summary>
public sealed class RejectingAdyenFactory : SandboxFactory
{
    public RejectingAdyenFactory() => Settings["Adyen:Sandbox:PaymentsErrorStatus"] = "422";
}

public sealed class RejectedPaymentTests(RejectingAdyenFactory app) : IClassFixture<RejectingAdyenFactory>
{
    [Fact]
    public async Task A_422_gives_a_clear_message_releases_the_stock_and_keeps_the_cart()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync();
        var stockBefore = await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync());
        await browser.AddToCartAsync(slug);

        var response = await browser.SubmitCheckoutAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You have not been charged", await response.Content.ReadAsStringAsync());
        var order = await app.WithDbAsync(db => db.Orders.Include(o => o.Attempts).OrderByDescending(o => o.Id).FirstAsync());
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Equal(AttemptStatus.Error, order.Attempts.Single().Status);
        Assert.Equal(stockBefore, await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync()));
        Assert.Single((await browser.GetAsync("/cart")).Document.QuerySelectorAll("tr.cart-line"));
    }
}

public sealed class SlowAdyenTests(SlowSandboxFactory app) : IClassFixture<SlowSandboxFactory>
{
    [Fact]
    public async Task A_timeout_says_kakaopay_cannot_be_reached_and_leaves_no_order_awaiting_payment()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());

        var page = await browser.GetAsync("/checkout");
        Assert.Contains("Payment methods cannot be loaded right now", page.Html);
        Assert.Null(page.Document.QuerySelector("#checkout-form"));
        var response = await browser.PostCheckoutWithoutFormAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("KakaoPay cannot be reached right now. You have not been charged", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Orders.AnyAsync(o => o.Status == OrderStatus.AwaitingPayment)));
    }
}

public sealed class UnreachableAdyenTests(UnreachableAdyenFactory app) : IClassFixture<UnreachableAdyenFactory>
{
    [Fact]
    public async Task Adyen_down_gives_a_clear_message_and_creates_no_order()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());

        var cart = await browser.GetAsync("/cart");
        Assert.Equal(HttpStatusCode.OK, cart.Status);
        Assert.Contains("Payment methods cannot be loaded right now", cart.Html);
        Assert.Null(cart.Document.QuerySelector("a[href='/checkout']"));
        var page = await browser.GetAsync("/checkout");
        Assert.Null(page.Document.QuerySelector("#checkout-form"));
        Assert.Contains("Checkout is closed until the payment methods can be loaded", page.Html);
        var response = await browser.PostCheckoutWithoutFormAsync(page);

        Assert.Contains("KakaoPay cannot be reached right now", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Orders.CountAsync()));
    }
}
