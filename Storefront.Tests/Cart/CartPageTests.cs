using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Cart;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Cart;

public sealed class CartPageTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task A_guest_adds_changes_and_removes_lines_priced_in_the_countrys_currency()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync();
        await browser.AddToCartAsync(slug, quantity: 2);

        var cart = await browser.GetAsync("/cart");
        var line = cart.Document.QuerySelector($"tr.cart-line[data-product='{slug}']")!;
        Assert.Equal("2", line.QuerySelector("input[name=quantity]")!.GetAttribute("value"));
        Assert.StartsWith("₩", line.QuerySelector("[data-testid=line-total]")!.TextContent.Trim());

        var updated = await browser.SubmitAsync(cart, $"tr.cart-line[data-product='{slug}'] form.quantity-form",
            new Dictionary<string, string> { ["quantity"] = "3" });
        Assert.Equal(HttpStatusCode.SeeOther, updated.StatusCode);
        cart = await browser.GetAsync("/cart");
        Assert.Equal("3", cart.Document.QuerySelector($"tr.cart-line[data-product='{slug}'] input[name=quantity]")!.GetAttribute("value"));

        await browser.SubmitAsync(cart, $"tr.cart-line[data-product='{slug}'] form[action$='Remove']");
        Assert.Contains("Your cart is empty", (await browser.GetAsync("/cart")).Html);
    }

    [Fact]
    public async Task Asking_for_more_than_in_stock_keeps_what_we_have()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var (slug, stock) = await app.WithDbAsync(db => db.Products
            .Where(p => p.IsPublished && p.Stock > 0 && p.Stock < 10).OrderBy(p => p.Id)
            .Select(p => new ValueTuple<string, int>(p.Slug, p.Stock)).FirstAsync());

        var page = await browser.GetAsync($"/products/{slug}");
        await browser.SubmitAsync(page, "form.product-purchase", new Dictionary<string, string> { ["quantity"] = "50" });

        var cart = await browser.GetAsync("/cart");
        Assert.Equal(stock.ToString(), cart.Document.QuerySelector($"tr.cart-line[data-product='{slug}'] input[name=quantity]")!.GetAttribute("value"));
        Assert.Contains("as many as we have", cart.Html);
    }

    [Fact]
    public async Task Bad_cart_input_never_fails_the_server()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync();
        var page = await browser.GetAsync($"/products/{slug}");

        var unknown = await browser.SubmitAsync(page, "form.product-purchase", new Dictionary<string, string> { ["slug"] = "no-such-product" });
        var negative = await browser.SubmitAsync(page, "form.product-purchase", new Dictionary<string, string> { ["quantity"] = "-3" });
        var text = await browser.SubmitAsync(page, "form.product-purchase", new Dictionary<string, string> { ["quantity"] = "lots" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("Your cart is empty", (await browser.GetAsync("/cart")).Html);
    }

    [Fact]
    public async Task Logging_in_merges_the_anonymous_cart_into_the_users_cart()
    {
        using var browser = app.CreateBrowser();
        var email = await browser.RegisterNewShopperAsync();
        var first = await app.StockedProductAsync(skip: 1);
        await browser.AddToCartAsync(first);
        await browser.LogOutAsync();

        var second = await app.StockedProductAsync(skip: 2);
        await browser.AddToCartAsync(second, quantity: 2);
        await browser.LogInAsync(email);

        var cart = await browser.GetAsync("/cart");
        Assert.NotNull(cart.Document.QuerySelector($"tr.cart-line[data-product='{first}']"));
        Assert.Equal("2", cart.Document.QuerySelector($"tr.cart-line[data-product='{second}'] input[name=quantity]")!.GetAttribute("value"));
        var anonymousCarts = await app.WithDbAsync(db => db.Carts.CountAsync(c => c.ShopperId == null && c.Lines.Any()));
        Assert.Equal(0, anonymousCarts);

        await browser.LogOutAsync();
        Assert.Contains("Your cart is empty", (await browser.GetAsync("/cart")).Html);
    }
}
