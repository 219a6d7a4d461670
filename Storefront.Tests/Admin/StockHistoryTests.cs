using Microsoft.EntityFrameworkCore;
using Storefront.Catalog;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Admin;

/// <summary>The stock moves orders make are on the product's history, and products running low are on the dashboard.</summary>
public sealed class StockHistoryTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task A_paid_order_writes_its_units_sold_on_the_products_history()
    {
        var slug = await app.StockedProductAsync(skip: 1);
        var before = await app.StockOfAsync(slug);

        var number = await app.PaidKakaoPayOrderAsync(quantity: 2, slug: slug);

        var sold = await app.WithDbAsync(db => db.ProductEvents.AsNoTracking()
            .Where(e => e.OrderNumber == number && e.Kind == ProductEventKind.Sold).ToListAsync());
        var line = Assert.Single(sold);
        Assert.Equal((ProductEvent.System, before, before - 2), (line.Actor, line.StockBefore, line.StockAfter));
        Assert.Equal(before - 2, await app.StockOfAsync(slug));
    }

    [Fact]
    public async Task An_unpaid_order_cancelled_gives_its_units_back_on_the_history()
    {
        var slug = await app.StockedProductAsync(skip: 3);
        var number = await app.UnpaidKakaoPayOrderAsync(slug);
        using var merchandiser = await app.MerchandiserAsync();

        await merchandiser.ActAsync(number, "#cancel-form", new Dictionary<string, string> { ["Cancel.Reason"] = "Shopper asked by phone" });

        var kinds = await app.WithDbAsync(db => db.ProductEvents.AsNoTracking().Where(e => e.OrderNumber == number)
            .OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([ProductEventKind.Sold, ProductEventKind.Released], kinds);
    }

    [Fact]
    public async Task The_dashboard_lists_a_product_at_its_low_stock_threshold()
    {
        var slug = await app.StockedProductAsync(skip: 5);
        await app.WithDbAsync(async db =>
        {
            (await db.Products.SingleAsync(p => p.Slug == slug)).AdjustStock(1, "Count", "test", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        using var merchandiser = await app.MerchandiserAsync();

        var dashboard = await merchandiser.GetAsync("/admin");

        var id = await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
        Assert.NotNull(dashboard.Document.QuerySelector($"[data-testid=stock-attention] a[href='/admin/products/{id}']"));
    }
}
