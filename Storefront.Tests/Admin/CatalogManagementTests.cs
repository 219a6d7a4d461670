using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>
/// The merchandiser's catalog pages: create and edit with validation in each currency's minor units, the version that
/// refuses a second merchandiser's stale save, old slugs that answer 301, archive (404 for shoppers), stock with a
/// reason and the product's history. On an app of its own: it changes the catalog.
/// </summary>
public sealed class CatalogManagementTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    private async Task<int> CategoryIdAsync() => await app.WithDbAsync(db => db.Categories.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    private async Task<Dictionary<string, string>> NewProductFieldsAsync(string nameEn, string nameKo, string krw = "12000") => new()
    {
        ["Form.NameKo"] = nameKo,
        ["Form.NameEn"] = nameEn,
        ["Form.DescriptionKo"] = "설명",
        ["Form.DescriptionEn"] = "A description",
        ["Form.CategoryId"] = (await CategoryIdAsync()).ToString(),
        ["Form.Prices[KRW]"] = krw,
        ["Form.Prices[USD]"] = "9.50",
        ["Stock"] = "7",
        ["Form.IsPublished"] = "true",
    };

    private async Task<(Browser Merchandiser, int Id)> CreateAsync(string nameEn, string nameKo)
    {
        var merchandiser = await app.MerchandiserAsync();
        var form = await merchandiser.GetAsync("/admin/products/new");
        var created = await merchandiser.SubmitAsync(form, "#product-form", await NewProductFieldsAsync(nameEn, nameKo));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/', '?')[3]);
        return (merchandiser, id);
    }

    [Fact]
    public async Task A_new_product_gets_a_slug_from_its_English_name_its_prices_in_minor_units_and_a_history_line()
    {
        var (merchandiser, id) = await CreateAsync("Studio Barley Brew", "스튜디오 보리 블렌드");

        var product = await app.WithDbAsync(db => db.Products.AsNoTracking().Include(p => p.Prices).Include(p => p.History).SingleAsync(p => p.Id == id));
        Assert.Equal("studio-barley-brew", product.Slug);
        Assert.Equal(12_000, product.PriceIn("KRW")!.Value.MinorUnits);
        Assert.Equal(950, product.PriceIn("USD")!.Value.MinorUnits);
        Assert.Equal((7, true), (product.Stock, product.IsPublished));
        var created = Assert.Single(product.History);
        Assert.Equal((ProductEventKind.Created, StorefrontFactory.MerchandiserEmail, 7), (created.Kind, created.Actor, created.StockAfter));

        using var shopper = app.CreateBrowser(acceptLanguage: "ko");
        var search = await shopper.GetAsync("/products?q=" + Uri.EscapeDataString("스튜디오 보리"));
        Assert.Contains("/products/studio-barley-brew", search.Html, StringComparison.Ordinal);
        merchandiser.Dispose();
    }

    [Theory]
    [InlineData("KRW", "1000.50")]
    [InlineData("KRW", "0")]
    [InlineData("USD", "9.505")]
    [InlineData("USD", "-1")]
    [InlineData("JPY", "abc")]
    public async Task A_price_the_currency_cannot_have_is_refused_and_nothing_is_saved(string currency, string price)
    {
        using var merchandiser = await app.MerchandiserAsync();
        var before = await app.WithDbAsync(db => db.Products.CountAsync());
        var form = await merchandiser.GetAsync("/admin/products/new");
        var fields = await NewProductFieldsAsync("Refused Kettle " + currency + price, "주전자");
        fields[$"Form.Prices[{currency}]"] = price;

        var answer = await Browser.Page.LoadAsync(await merchandiser.SubmitAsync(form, "#product-form", fields));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains($"A price in {currency}", answer.Html, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task A_product_without_a_name_or_with_a_taken_slug_is_refused()
    {
        using var merchandiser = await app.MerchandiserAsync();
        var taken = await app.WithDbAsync(db => db.Products.Select(p => p.Slug).FirstAsync());
        var before = await app.WithDbAsync(db => db.Products.CountAsync());
        var form = await merchandiser.GetAsync("/admin/products/new");

        var nameless = await NewProductFieldsAsync("", "");
        var slugTaken = await NewProductFieldsAsync("Copy", "복사");
        slugTaken["Form.Slug"] = taken;
        var first = await Browser.Page.LoadAsync(await merchandiser.SubmitAsync(form, "#product-form", nameless));
        var second = await Browser.Page.LoadAsync(await merchandiser.SubmitAsync(form, "#product-form", slugTaken));

        Assert.Contains("Give the product a name in Korean or English.", first.Html, StringComparison.Ordinal);
        Assert.Contains("Another product has (or had) this slug.", second.Html, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task A_second_merchandisers_stale_save_is_refused_with_what_changed_and_keeps_their_input()
    {
        var (first, id) = await CreateAsync("Jasmine Pearls", "재스민 펄");
        using var second = await app.MerchandiserAsync();
        var firstForm = await first.GetAsync($"/admin/products/{id}");
        var secondForm = await second.GetAsync($"/admin/products/{id}");

        var saved = await first.SubmitAsync(firstForm, "#product-form", new Dictionary<string, string> { ["Form.NameEn"] = "Jasmine Dragon Pearls" });
        var refused = await Browser.Page.LoadAsync(await second.SubmitAsync(secondForm, "#product-form",
            new Dictionary<string, string> { ["Form.Prices[KRW]"] = "15000" }));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Name (en): Jasmine Pearls → Jasmine Dragon Pearls", refused.Document.QuerySelector("[data-testid=conflict]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("15000", refused.Document.QuerySelector("#price-KRW")!.GetAttribute("value"));
        var product = await app.WithDbAsync(db => db.Products.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Id == id));
        Assert.Equal(("Jasmine Dragon Pearls", 12_000L), (product.Names.En, product.PriceIn("KRW")!.Value.MinorUnits));

        // Saving again from the refused page, which now carries the current version, keeps both changes.
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitAsync(refused, "#product-form")).StatusCode);
        product = await app.WithDbAsync(db => db.Products.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Id == id));
        Assert.Equal(15_000L, product.PriceIn("KRW")!.Value.MinorUnits);
        first.Dispose();
    }

    [Fact]
    public async Task A_save_that_changed_only_a_price_still_refuses_a_stale_form()
    {
        var (first, id) = await CreateAsync("Hojicha Roast", "호지차 로스트");
        using var second = await app.MerchandiserAsync();
        var firstForm = await first.GetAsync($"/admin/products/{id}");
        var secondForm = await second.GetAsync($"/admin/products/{id}");

        // Prices are rows of their own: the product row itself does not change, yet its version must.
        var saved = await first.SubmitAsync(firstForm, "#product-form", new Dictionary<string, string> { ["Form.Prices[KRW]"] = "13000" });
        var refused = await Browser.Page.LoadAsync(await second.SubmitAsync(secondForm, "#product-form",
            new Dictionary<string, string> { ["Form.NameEn"] = "Hojicha Dark Roast" }));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("₩12,000 → ₩13,000", refused.Document.QuerySelector("[data-testid=conflict]")?.TextContent ?? "(no conflict shown)",
            StringComparison.Ordinal);
        var product = await app.WithDbAsync(db => db.Products.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Id == id));
        Assert.Equal(("Hojicha Roast", 13_000L), (product.Names.En, product.PriceIn("KRW")!.Value.MinorUnits));
        first.Dispose();
    }

    [Fact]
    public async Task A_stock_move_by_an_order_does_not_refuse_an_edit_opened_before_it()
    {
        var (merchandiser, id) = await CreateAsync("Oolong Sampler", "우롱차 모음");
        var form = await merchandiser.GetAsync($"/admin/products/{id}");
        await app.WithDbAsync(async db =>
        {
            (await db.Products.SingleAsync(p => p.Id == id)).ReserveStock(2, "SF-TEST0042", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var saved = await merchandiser.SubmitAsync(form, "#product-form", new Dictionary<string, string> { ["Form.NameEn"] = "Oolong Trio" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var product = await app.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(("Oolong Trio", 5), (product.Names.En, product.Stock));
        merchandiser.Dispose();
    }

    [Fact]
    public async Task A_changed_slug_answers_301_from_the_old_one_and_taking_it_back_stops_the_redirect()
    {
        var (merchandiser, id) = await CreateAsync("Hojicha Powder", "호지차 가루");
        using var shopper = app.CreateBrowser();

        var form = await merchandiser.GetAsync($"/admin/products/{id}");
        await merchandiser.SubmitAsync(form, "#product-form", new Dictionary<string, string> { ["Form.Slug"] = "roasted-hojicha-powder" });
        var old = await shopper.Client.GetAsync("/products/hojicha-powder?utm=share");

        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/products/roasted-hojicha-powder?utm=share", old.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync("/products/roasted-hojicha-powder")).Status);

        form = await merchandiser.GetAsync($"/admin/products/{id}");
        await merchandiser.SubmitAsync(form, "#product-form", new Dictionary<string, string> { ["Form.Slug"] = "hojicha-powder" });
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync("/products/hojicha-powder")).Status);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await shopper.Client.GetAsync("/products/roasted-hojicha-powder")).StatusCode);
        merchandiser.Dispose();
    }

    [Fact]
    public async Task An_archived_product_is_gone_for_shoppers_and_listed_only_as_archived()
    {
        var (merchandiser, id) = await CreateAsync("Yuzu Tea Jar", "유자차");
        using var shopper = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync("/products/yuzu-tea-jar")).Status);

        var page = await merchandiser.GetAsync($"/admin/products/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await merchandiser.SubmitAsync(page, "#archive-form")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync("/products/yuzu-tea-jar")).Status);
        Assert.DoesNotContain("yuzu-tea-jar", (await shopper.GetAsync("/products?q=yuzu")).Html, StringComparison.Ordinal);
        Assert.DoesNotContain("yuzu-tea-jar", (await merchandiser.GetAsync("/admin/products?q=yuzu")).Html, StringComparison.Ordinal);
        Assert.Contains("yuzu-tea-jar", (await merchandiser.GetAsync("/admin/products?q=yuzu&state=Archived")).Html, StringComparison.Ordinal);
        var product = await app.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((true, false), (product.IsArchived, product.IsPublished));
        merchandiser.Dispose();
    }

    [Fact]
    public async Task Stock_changes_need_a_reason_and_land_on_the_history_and_a_stale_count_is_refused()
    {
        var (merchandiser, id) = await CreateAsync("Genmaicha Bags", "현미녹차 티백");
        var page = await merchandiser.GetAsync($"/admin/products/{id}");

        var reasonless = await Browser.Page.LoadAsync(await merchandiser.SubmitAsync(page, "#stock-form",
            new Dictionary<string, string> { ["StockForm.Change"] = "Add", ["StockForm.Quantity"] = "5", ["StockForm.Reason"] = "" }));
        Assert.Contains("Say why the stock changes.", reasonless.Html, StringComparison.Ordinal);
        Assert.Equal(7, await app.StockOfAsync("genmaicha-bags"));

        var added = await merchandiser.SubmitAsync(page, "#stock-form",
            new Dictionary<string, string> { ["StockForm.Change"] = "Add", ["StockForm.Quantity"] = "5", ["StockForm.Reason"] = "Delivery" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(12, await app.StockOfAsync("genmaicha-bags"));

        // The page still says 7: a count made from it would undo the delivery, so it is refused.
        var stale = await Browser.Page.LoadAsync(await merchandiser.SubmitAsync(page, "#stock-form",
            new Dictionary<string, string> { ["StockForm.Change"] = "Set", ["StockForm.Quantity"] = "3", ["StockForm.Reason"] = "Count" }));
        Assert.Contains("Orders changed the stock", stale.Html, StringComparison.Ordinal);
        var tooMany = await Browser.Page.LoadAsync(await merchandiser.SubmitAsync(page, "#stock-form",
            new Dictionary<string, string> { ["StockForm.Change"] = "Remove", ["StockForm.Quantity"] = "13", ["StockForm.Reason"] = "Breakage" }));
        Assert.Contains("Stock cannot go below zero.", tooMany.Html, StringComparison.Ordinal);
        Assert.Equal(12, await app.StockOfAsync("genmaicha-bags"));

        var history = (await merchandiser.GetAsync($"/admin/products/{id}")).Document.QuerySelectorAll("[data-testid=history] tbody tr");
        Assert.Equal(["StockAdjusted", "Created"], history.Select(r => r.GetAttribute("data-kind")!));
        Assert.Contains("7 → 12", history[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Delivery", history[0].TextContent, StringComparison.Ordinal);
        merchandiser.Dispose();
    }

    [Fact]
    public async Task The_list_searches_both_languages_and_filters_by_stock_level()
    {
        var (merchandiser, id) = await CreateAsync("Kasha Test Brew", "카샤 메밀 블렌드");
        var page = await merchandiser.GetAsync($"/admin/products/{id}");
        await merchandiser.SubmitAsync(page, "#stock-form",
            new Dictionary<string, string> { ["StockForm.Change"] = "Set", ["StockForm.Quantity"] = "2", ["StockForm.Reason"] = "Count" });

        var korean = await merchandiser.GetAsync("/admin/products?q=" + Uri.EscapeDataString("카샤 메밀"));
        var low = await merchandiser.GetAsync("/admin/products?stock=Low&q=kasha");
        var none = await merchandiser.GetAsync("/admin/products?stock=Out&q=kasha");
        var junk = await merchandiser.GetAsync("/admin/products?stock=999&sort=Nope&category=-4&page=x");

        Assert.Equal(["kasha-test-brew"], korean.Document.QuerySelectorAll("[data-testid=products] tbody tr").Select(r => r.GetAttribute("data-slug")!));
        Assert.Equal(["kasha-test-brew"], low.Document.QuerySelectorAll("[data-testid=products] tbody tr").Select(r => r.GetAttribute("data-slug")!));
        Assert.Empty(none.Document.QuerySelectorAll("[data-testid=products] tbody tr"));
        Assert.Equal(HttpStatusCode.OK, junk.Status);
        Assert.NotNull(junk.Document.QuerySelector("[data-testid=ignored-filters]"));
        merchandiser.Dispose();
    }
}
