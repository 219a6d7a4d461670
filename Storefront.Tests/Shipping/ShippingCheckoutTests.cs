using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Shipping;

/// <summary>The sandbox app with ₩3,000 shipping, free from ₩50,000.</summary>
public sealed class KoreanShippingFactory : SandboxFactory
{
    public KoreanShippingFactory()
    {
        Settings["Storefront:Shipping:KRW:Fee"] = "3000";
        Settings["Storefront:Shipping:KRW:FreeFrom"] = "50000";
    }
}

/// <summary>A Korean order below the threshold carries the fee as its own line, sent to Adyen in lineItems; above it, none.</summary>
public sealed class ShippingCheckoutTests(KoreanShippingFactory app) : IClassFixture<KoreanShippingFactory>
{
    [Fact]
    public async Task The_product_page_tells_from_which_total_the_shoppers_market_ships_free()
    {
        var (slug, _) = await ProductAsync(skip: 0);
        using var korean = app.CreateBrowser(acceptLanguage: "ko");
        await korean.ChooseCountryAsync("KR");
        using var american = app.CreateBrowser();
        await american.ChooseCountryAsync("US");

        var inKorea = (await korean.GetAsync($"/products/{slug}")).Document.QuerySelector("[data-testid=free-shipping-from]");
        var inTheUs = (await american.GetAsync($"/products/{slug}")).Document.QuerySelector("[data-testid=free-shipping-from]");

        Assert.Equal("₩50,000 이상 주문 시 무료 배송", inKorea?.TextContent.Trim());
        Assert.Null(inTheUs); // the test app charges no shipping in dollars
    }

    [Fact]
    public async Task Below_the_threshold_the_order_has_a_shipping_line_in_its_total_and_in_the_line_items()
    {
        var (slug, price) = await ProductAsync(skip: 0);
        Assert.True(price < 50_000, $"The product costs {price}; the test needs one under the threshold.");
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(slug);
        var cart = (await browser.GetAsync("/cart")).Document;
        Assert.Equal("₩3,000", cart.QuerySelector("[data-testid=cart-shipping]")!.TextContent.Trim());
        Assert.Equal($"₩{price + 3_000:N0}", cart.QuerySelector("[data-testid=cart-total]")!.TextContent.Trim());
        Assert.Contains($"₩{50_000 - price:N0}", cart.QuerySelector("[data-testid=free-shipping-hint]")!.TextContent);
        var checkout = (await browser.GetAsync("/checkout")).Document;
        Assert.Equal(($"₩{price:N0}", "₩3,000", $"₩{price + 3_000:N0}"), (checkout.QuerySelector("[data-testid=checkout-subtotal]")!.TextContent.Trim(),
            checkout.QuerySelector("[data-testid=checkout-shipping]")!.TextContent.Trim(), checkout.QuerySelector("[data-testid=checkout-total]")!.TextContent.Trim()));
        var exchangesBefore = app.Exchanges.Count;

        await browser.SubmitCheckoutAsync();

        var order = await LatestOrderAsync();
        var shipping = Assert.Single(order.Lines, l => l.IsShipping);
        Assert.Equal((3_000L, 1, (int?)null, OrderLine.ShippingSku), (shipping.UnitPrice, shipping.Quantity, shipping.ProductId, shipping.Sku));
        Assert.Equal(price + 3_000, order.TotalAmount);
        Assert.Equal(3_000, order.Shipping.MinorUnits);
        Assert.Equal(price, order.Subtotal.MinorUnits);

        var exchange = app.Exchanges.Skip(exchangesBefore).Last(e => e.OperationPath == "/payments");
        using var body = JsonDocument.Parse(exchange.RequestBody!);
        var items = body.RootElement.GetProperty("lineItems").EnumerateArray().ToList();
        Assert.Equal(order.TotalAmount, body.RootElement.GetProperty("amount").GetProperty("value").GetInt64());
        Assert.Equal(order.TotalAmount, items.Sum(i => i.GetProperty("amountIncludingTax").GetInt64() * i.GetProperty("quantity").GetInt64()));
        var shippingItem = Assert.Single(items, i => i.GetProperty("id").GetString() == OrderLine.ShippingSku);
        Assert.Equal(3_000, shippingItem.GetProperty("amountIncludingTax").GetInt64());
        Assert.Equal(1, shippingItem.GetProperty("quantity").GetInt64());
        Assert.Equal("Shipping", shippingItem.GetProperty("description").GetString());
    }

    [Fact]
    public async Task From_the_threshold_the_order_has_no_shipping_line()
    {
        var (slug, price) = await ProductAsync(skip: 1);
        var quantity = (int)Math.Ceiling(50_000m / price);
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(slug, quantity);
        var cart = (await browser.GetAsync("/cart")).Document;
        Assert.Equal("Free", cart.QuerySelector("[data-testid=cart-shipping]")!.TextContent.Trim());
        Assert.Null(cart.QuerySelector("[data-testid=free-shipping-hint]"));
        var checkout = (await browser.GetAsync("/checkout")).Document;
        Assert.Equal("Free", checkout.QuerySelector("[data-testid=checkout-shipping]")!.TextContent.Trim());

        await browser.SubmitCheckoutAsync();

        var order = await LatestOrderAsync();
        Assert.DoesNotContain(order.Lines, l => l.IsShipping);
        Assert.Equal(price * quantity, order.TotalAmount);
        Assert.True(order.TotalAmount >= 50_000);
    }

    private async Task<(string Slug, long Price)> ProductAsync(int skip)
    {
        var slug = await app.StockedProductAsync(skip: skip);
        var price = await app.WithDbAsync(db => db.Products.Include(p => p.Prices).SingleAsync(p => p.Slug == slug));
        return (slug, price.PriceIn("KRW")!.Value.MinorUnits);
    }

    private Task<Order> LatestOrderAsync() =>
        app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).OrderByDescending(o => o.Id).FirstAsync());
}
