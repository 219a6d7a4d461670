using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Localization;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>Tests that change the catalog, on an app of their own so that listings elsewhere stay predictable.</summary>
public sealed class CatalogChangesTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task Unpublished_products_are_neither_listed_nor_shown()
    {
        await AddProductAsync("unreleased-kettle", "Unreleased Kettle", published: false, prices: [new Money(50_000, "KRW"), new Money(3_900, "USD")]);
        using var browser = app.CreateBrowser();

        var search = await browser.GetAsync("/products?q=unreleased");
        var page = await browser.GetAsync("/products/unreleased-kettle");

        Assert.Empty(CatalogPage.Cards(search));
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task A_product_without_a_price_in_the_shoppers_currency_is_not_available_there()
    {
        await AddProductAsync("korea-only-kimchi", "Korea-only Kimchi", published: true, prices: [new Money(12_000, "KRW")]);
        using var browser = app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP");

        var page = await browser.GetAsync("/products/korea-only-kimchi");
        var listing = await browser.GetAsync("/products?q=korea-only");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("[data-testid=price]"));
        Assert.Equal("Not available in Japan", page.Document.QuerySelector(".price-unavailable").Text());
        var card = Assert.Single(CatalogPage.Cards(listing));
        Assert.Null(card.Price);
    }

    [Fact]
    public async Task Two_reservations_of_the_same_stock_collide_instead_of_both_winning()
    {
        var slug = await app.WithDbAsync(db => db.Products.Where(p => p.Stock > 2).Select(p => p.Slug).FirstAsync());
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var firstCopy = await firstDb.Products.SingleAsync(p => p.Slug == slug);
        var secondCopy = await secondDb.Products.SingleAsync(p => p.Slug == slug);
        var (stock, version) = (firstCopy.Stock, firstCopy.Version);

        firstCopy.ReserveStock(1, "SF-TEST0001", DateTime.UtcNow);
        await firstDb.SaveChangesAsync();
        secondCopy.ReserveStock(1, "SF-TEST0002", DateTime.UtcNow);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        var saved = await app.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Slug == slug));
        Assert.Equal(stock - 1, saved.Stock);
        Assert.Equal(version + 1, saved.Version);
    }

    [Fact]
    public async Task A_product_written_in_one_language_shows_it_to_readers_of_the_other_and_is_found_by_it()
    {
        await app.WithDbAsync(async db =>
        {
            var category = await db.Categories.OrderBy(c => c.SortOrder).FirstAsync();
            var englishOnly = new Product("english-only-kettle", new LocalizedText(null, "Iron Kettle"), new LocalizedText(null, "Cast iron."), category, 5);
            var koreanOnly = new Product("korean-only-tray", new LocalizedText("옻칠 쟁반", null), new LocalizedText("옻칠한 나무 쟁반.", null), category, 5);
            foreach (var product in new[] { englishOnly, koreanOnly })
            {
                product.SetPrice(new Money(30_000, "KRW"));
                product.SetPrice(new Money(2_500, "USD"));
                db.Products.Add(product);
            }
            await db.SaveChangesAsync();
        });
        using var korean = app.CreateBrowser(acceptLanguage: "ko-KR");
        using var english = app.CreateBrowser(acceptLanguage: "en");

        Assert.Equal("Iron Kettle", (await korean.GetAsync("/products/english-only-kettle")).Document.QuerySelector("h1").Text());
        Assert.Equal("Cast iron.", (await korean.GetAsync("/products/english-only-kettle")).Document.QuerySelector(".product-detail-description p").Text());
        Assert.Equal("옻칠 쟁반", (await english.GetAsync("/products/korean-only-tray")).Document.QuerySelector("h1").Text());
        Assert.Equal("korean-only-tray", Assert.Single(CatalogPage.Cards(await english.GetAsync("/products?q=옻칠"))).Slug);
        Assert.Equal("english-only-kettle", Assert.Single(CatalogPage.Cards(await korean.GetAsync("/products?q=iron kettle"))).Slug);
    }

    private Task AddProductAsync(string slug, string name, bool published, Money[] prices) =>
        app.WithDbAsync(async db =>
        {
            var category = await db.Categories.OrderBy(c => c.SortOrder).FirstAsync();
            var product = new Product(slug, new LocalizedText(null, name), new LocalizedText(null, $"{name}, made for this test."), category,
                stock: 10, isPublished: published);
            foreach (var price in prices)
                product.SetPrice(price);
            db.Products.Add(product);
            await db.SaveChangesAsync();
        });
}
