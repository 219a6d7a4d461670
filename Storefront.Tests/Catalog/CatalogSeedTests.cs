using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

public sealed class CatalogSeedTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task The_demo_catalog_has_enough_to_browse_with_every_price_and_a_picture()
    {
        var demo = await DemoCatalog.LoadAsync(CancellationToken.None);
        var products = await app.PublishedProductsAsync();
        using var browser = app.CreateBrowser();

        Assert.Equal(demo.Products.Count, products.Count);
        Assert.True(products.Count >= 24, $"The demo catalog has {products.Count} products; it needs at least 24.");
        Assert.True(products.Select(p => p.CategoryId).Distinct().Count() >= 5);
        Assert.Contains(products, p => p.Stock == 0);
        Assert.Contains(products, p => p.Stock is > 0 and <= StockStatus.LowStockThreshold);
        Assert.Contains(products, p => p.IsFeatured);
        foreach (var product in products)
        {
            Assert.False(string.IsNullOrWhiteSpace(product.Descriptions.En));
            Assert.Equal(Market.Currencies.Order(), product.Prices.Select(p => p.Currency).Order());
            var image = await browser.Client.GetAsync(product.ImagePath);
            Assert.True(image.StatusCode == HttpStatusCode.OK, $"{product.ImagePath} is not served.");
            Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"<title>{System.Security.SecurityElement.Escape(product.Names.En)}</title>", await image.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Every_demo_product_and_category_is_written_in_korean_and_in_english()
    {
        var products = await app.PublishedProductsAsync();
        var categories = await app.WithDbAsync(db => db.Categories.AsNoTracking().ToListAsync());
        var texts = products.SelectMany(p => new[] { (p.Slug, p.Names), (p.Slug, p.Descriptions) })
            .Concat(categories.Select(c => (c.Slug, c.Names)))
            .ToList();

        Assert.NotEmpty(categories);
        Assert.All(texts, text =>
        {
            Assert.False(string.IsNullOrWhiteSpace(text.Item2.En), $"{text.Slug} has no English");
            // Korean as Korean shops write it: in Hangul, not the English spelled out.
            var korean = text.Item2.Ko ?? "";
            Assert.True(korean.Count(IsHangul) > korean.Count(char.IsAsciiLetter), $"{text.Slug}: '{korean}' is not Korean");
            Assert.NotEqual(text.Item2.En, text.Item2.Ko);
        });
        Assert.Equal(products.Count, products.Select(p => p.Names.Ko).Distinct().Count());
    }

    [Fact]
    public async Task Zero_decimal_currencies_are_seeded_in_whole_units()
    {
        var products = await app.PublishedProductsAsync();

        Assert.All(products, product =>
        {
            // ₩ and ¥ prices are whole numbers on the wire; cents would mean a hundredfold price.
            Assert.InRange(product.PriceIn("KRW")!.Value.MinorUnits, 1_000, 1_000_000);
            Assert.InRange(product.PriceIn("JPY")!.Value.MinorUnits, 100, 100_000);
            Assert.InRange(product.PriceIn("USD")!.Value.Amount, 1m, 1_000m);
        });
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        var before = await CountsAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            var seeder = scope.ServiceProvider.GetServices<IDataSeeder>().OfType<CatalogSeeder>().Single();
            await seeder.SeedAsync(db, CancellationToken.None);
        }

        Assert.Equal(before, await CountsAsync());
        Assert.True(before.Products > 0);
    }

    private Task<(int Categories, int Products, int Prices)> CountsAsync() =>
        app.WithDbAsync(async db => (
            await db.Categories.CountAsync(), await db.Products.CountAsync(), await db.ProductPrices.CountAsync()));

    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3';
}
