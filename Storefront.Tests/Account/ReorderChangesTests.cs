using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Orders;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Account;

/// <summary>A reorder is priced and stocked today; the page says what changed. (Its own app: it edits the catalog.)</summary>
public sealed class ReorderChangesTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task A_reorder_shows_price_and_stock_changes_and_items_no_longer_sold_and_orders_what_there_is()
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        var slugs = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            slugs.Add(await app.StockedProductAsync(skip: i));
            await browser.AddToCartAsync(slugs[i], quantity: 2);
        }
        await browser.PayWithKakaoPayAsync("approve");
        var source = await app.WithDbAsync(db => db.Orders.Include(o => o.Lines).OrderByDescending(o => o.Id).FirstAsync());
        var (dearer, scarce, withdrawn, soldOut) = (slugs[0], slugs[1], slugs[2], slugs[3]);
        var oldPrice = source.Lines.Single(l => l.Sku == dearer).UnitPrice;
        await app.WithDbAsync(async db =>
        {
            var product = await db.Products.Include(p => p.Prices).SingleAsync(p => p.Slug == dearer);
            product.SetPrice(new Money(oldPrice + 1_000, "KRW"));
            await db.SaveChangesAsync();
            await db.Products.Where(p => p.Slug == scarce).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, 1));
            await db.Products.Where(p => p.Slug == withdrawn).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsPublished, false));
            await db.Products.Where(p => p.Slug == soldOut).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, 0));
        });

        var reorder = await browser.OpenReorderAsync(source.Number);

        Assert.NotNull(reorder.Document.QuerySelector("[data-testid=reorder-changed]"));
        string Line(string sku, string what) =>
            reorder.Document.QuerySelector($"[data-testid=reorder-line][data-sku='{sku}']")!.GetAttribute(what)!;
        string Note(string sku) =>
            reorder.Document.QuerySelector($"[data-testid=reorder-line][data-sku='{sku}'] .reorder-change")!.TextContent.Trim();
        Assert.Equal("true", Line(dearer, "data-price-changed"));
        Assert.Equal($"Price up from {new Money(oldPrice, "KRW")}", Note(dearer));
        Assert.Equal("FewerInStock", Line(scarce, "data-availability"));
        Assert.Equal("Only 1 left (you had 2)", Note(scarce));
        Assert.Equal("No longer sold", Note(withdrawn));
        Assert.Equal("Sold out", Note(soldOut));
        var scarcePrice = source.Lines.Single(l => l.Sku == scarce).UnitPrice;
        var expectedTotal = new Money((oldPrice + 1_000) * 2 + scarcePrice, "KRW");
        Assert.Equal(expectedTotal.ToString(), reorder.Document.QuerySelector("[data-testid=reorder-total]")?.TextContent.Trim());

        var toKakaoPay = await browser.SubmitAgreeingAsync(reorder, "form[action*='handler=Pay']:not([data-testid])");

        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var order = await app.WithDbAsync(db => db.Orders.Include(o => o.Lines).OrderByDescending(o => o.Id).FirstAsync());
        Assert.NotEqual(source.Number, order.Number);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal(expectedTotal.MinorUnits, order.TotalAmount);
        Assert.Equal([(dearer, 2, oldPrice + 1_000), (scarce, 1, scarcePrice)],
            order.Lines.OrderBy(l => l.Sku == scarce).Select(l => (l.Sku, l.Quantity, l.UnitPrice)));
        Assert.Equal(0, await app.StockOfAsync(scarce));
    }

    [Fact]
    public async Task An_order_none_of_whose_items_is_sold_any_more_cannot_be_reordered()
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync(skip: 10);
        await browser.AddToCartAsync(slug);
        await browser.PayWithKakaoPayAsync("approve");
        var source = await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).FirstAsync());
        await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsPublished, false)));

        var reorder = await browser.OpenReorderAsync(source.Number);

        Assert.NotNull(reorder.Document.QuerySelector("[data-testid=reorder-impossible]"));
        Assert.Null(reorder.Document.QuerySelector("form[action*='handler=Pay']"));
    }
}
