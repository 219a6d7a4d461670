using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Checkout;

/// <summary>The merchant account has no KakaoPay enabled: Adyen offers Korea no method at all.</summary>
public sealed class NoKakaoPayFactory : SandboxFactory
{
    public NoKakaoPayFactory() => Settings["Adyen:Sandbox:DisabledMethods:0"] = "kakaopay";
}

/// <summary>With no way to pay, the cart says so and offers no checkout, and the checkout shows no form: no dead end.</summary>
public sealed class NoWayToPayTests(NoKakaoPayFactory app) : IClassFixture<NoKakaoPayFactory>
{
    [Fact]
    public async Task The_cart_says_there_is_no_way_to_pay_and_offers_no_checkout()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());

        var cart = await browser.GetAsync("/cart");

        Assert.Equal(HttpStatusCode.OK, cart.Status);
        Assert.Contains("No payment method is available for this order.", cart.Html);
        Assert.Null(cart.Document.QuerySelector("main a[href='/checkout']"));
        var notice = cart.Document.QuerySelector("[data-testid=no-way-to-pay]")!;
        Assert.Contains("cannot be paid for in South Korea", notice.TextContent);
        Assert.NotNull(notice.QuerySelector("a[href='#country-picker']"));
    }

    [Fact]
    public async Task Checkout_shows_why_and_the_way_back_instead_of_a_form()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());

        var page = await browser.GetAsync("/checkout");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("#checkout-form"));
        Assert.Empty(page.Document.QuerySelectorAll("main form"));
        Assert.Null(page.Document.QuerySelector("[data-pay-button]"));
        var section = page.Document.QuerySelector("[data-testid=no-way-to-pay]")!;
        Assert.Contains("This order cannot be paid for here, so checkout is closed.", section.TextContent);
        Assert.NotNull(section.QuerySelector("a[href='/cart']"));
        Assert.NotNull(section.QuerySelector("a[href='#country-picker']"));
    }

    [Fact]
    public async Task A_checkout_posted_anyway_places_no_order_and_takes_no_stock()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync();
        await browser.AddToCartAsync(slug);
        var stockBefore = await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync());
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());
        var page = await browser.GetAsync("/checkout");

        var response = await browser.PostCheckoutWithoutFormAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Browser.Page.LoadAsync(response);
        Assert.Contains("is not available for this order", answer.Html);
        Assert.Null(answer.Document.QuerySelector("#checkout-form"));
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Equal(stockBefore, await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync()));
        Assert.Single((await browser.GetAsync("/cart")).Document.QuerySelectorAll("tr.cart-line"));
    }

    [Fact]
    public async Task A_korean_shopper_reads_why_in_korean()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko");
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());

        var cart = await browser.GetAsync("/cart");
        var checkout = await browser.GetAsync("/checkout");

        Assert.Contains("결제할 수 없어 주문할 수 없습니다", cart.Document.QuerySelector("[data-testid=no-way-to-pay]")!.TextContent);
        Assert.Contains("장바구니로 돌아가기", checkout.Document.QuerySelector("[data-testid=no-way-to-pay]")!.TextContent);
    }
}
