using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>The merchandiser's categories page: create, refuse, rename, reorder, hide, delete, stale versions and the audit. On an app of its own: it changes the catalog.</summary>
public sealed class CategoryAdminTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    private async Task<HttpResponseMessage> CreateAsync(Browser merchandiser, string ko, string en, string slug = "")
    {
        var page = await merchandiser.GetAsync("/admin/categories");
        return await merchandiser.SubmitAsync(page, "#category-form",
            new Dictionary<string, string> { ["Form.NameKo"] = ko, ["Form.NameEn"] = en, ["Form.Slug"] = slug });
    }

    private Task<Category> CategoryAsync(string slug) => app.WithDbAsync(db => db.Categories.AsNoTracking().SingleAsync(c => c.Slug == slug));

    private static async Task<HttpResponseMessage> ActAsync(Browser merchandiser, Browser.Page page, string slug, string form,
        Dictionary<string, string>? fields = null) =>
        await merchandiser.SubmitAsync(page, $"tr[data-slug='{slug}'] form[data-testid={form}]", fields ?? []);

    [Fact]
    public async Task A_new_category_gets_a_slug_from_its_English_name_the_last_position_and_an_audit_line()
    {
        using var merchandiser = await app.MerchandiserAsync();
        var count = await app.WithDbAsync(db => db.Categories.CountAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await CreateAsync(merchandiser, "허브차", "Herbal Infusions")).StatusCode);

        var category = await CategoryAsync("herbal-infusions");
        Assert.Equal(("허브차", "Herbal Infusions", count + 1, false), (category.Names.Ko, category.Names.En, category.SortOrder, category.IsHidden));
        var page = await merchandiser.GetAsync("/admin/categories");
        var line = page.Document.QuerySelector("[data-testid=history] tbody tr")!;
        Assert.Equal("Created", line.GetAttribute("data-kind"));
        Assert.Contains(StorefrontFactory.MerchandiserEmail, line.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "No Korean", "")]
    [InlineData("영어 없음", "", "")]
    [InlineData("잘못된 슬러그", "Bad Slug", "Bad Slug!")]
    [InlineData("차", "Tea again", "tea")]
    public async Task Invalid_input_or_a_taken_slug_is_refused_with_a_message_and_changes_nothing(string ko, string en, string slug)
    {
        using var merchandiser = await app.MerchandiserAsync();
        var before = await app.WithDbAsync(async db => await db.Categories.CountAsync() + await db.CategoryEvents.CountAsync());

        var answer = await Browser.Page.LoadAsync(await CreateAsync(merchandiser, ko, en, slug));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(answer.Document.QuerySelectorAll(".field-validation-error"), e => e.TextContent.Trim().Length > 0);
        Assert.Equal(before, await app.WithDbAsync(async db => await db.Categories.CountAsync() + await db.CategoryEvents.CountAsync()));
    }

    [Fact]
    public async Task Rename_reorder_and_a_stale_form_refused_with_what_changed()
    {
        using var merchandiser = await app.MerchandiserAsync();
        await CreateAsync(merchandiser, "첫째", "First Shelf");
        await CreateAsync(merchandiser, "둘째", "Second Shelf");
        var stale = await merchandiser.GetAsync("/admin/categories");

        var page = await merchandiser.GetAsync("/admin/categories");
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(merchandiser, page, "first-shelf", "rename",
            new() { ["Rename.NameKo"] = "첫 선반", ["Rename.NameEn"] = "Top Shelf" })).StatusCode);
        var first = await CategoryAsync("first-shelf");
        Assert.Equal(("첫 선반", "Top Shelf"), (first.Names.Ko, first.Names.En));

        page = await merchandiser.GetAsync("/admin/categories");
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(merchandiser, page, "second-shelf", "up")).StatusCode);
        var positions = await app.WithDbAsync(db => db.Categories.OrderBy(c => c.SortOrder).Select(c => c.SortOrder).ToListAsync());
        Assert.Equal(Enumerable.Range(1, positions.Count), positions);
        Assert.Equal((await CategoryAsync("first-shelf")).SortOrder, (await CategoryAsync("second-shelf")).SortOrder + 1);

        var refused = await Browser.Page.LoadAsync(await ActAsync(merchandiser, stale, "first-shelf", "hide"));
        Assert.Contains("Name (en): First Shelf → Top Shelf", refused.Document.QuerySelector("[data-testid=conflict]")!.TextContent, StringComparison.Ordinal);
        Assert.False((await CategoryAsync("first-shelf")).IsHidden);
    }

    [Fact]
    public async Task A_hidden_category_leaves_the_shop_menu_but_its_products_are_still_sold()
    {
        using var merchandiser = await app.MerchandiserAsync();
        var (slug, productSlug) = await app.WithDbAsync(db => db.Products.Where(p => p.IsPublished && !p.IsArchived)
            .Select(p => new { p.Category.Slug, Product = p.Slug }).Select(x => ValueTuple.Create(x.Slug, x.Product)).FirstAsync());
        using var shopper = app.CreateBrowser();
        Assert.Contains($"value=\"{slug}\"", (await shopper.GetAsync("/products")).Html, StringComparison.Ordinal);

        var page = await merchandiser.GetAsync("/admin/categories");
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(merchandiser, page, slug, "hide")).StatusCode);

        Assert.True((await CategoryAsync(slug)).IsHidden);
        Assert.DoesNotContain($"value=\"{slug}\"", (await shopper.GetAsync("/products")).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync($"/products/{productSlug}")).Status);

        page = await merchandiser.GetAsync("/admin/categories");
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(merchandiser, page, slug, "show")).StatusCode);
        Assert.False((await CategoryAsync(slug)).IsHidden);
    }

    [Fact]
    public async Task An_empty_category_is_deleted_and_one_with_products_is_refused()
    {
        using var merchandiser = await app.MerchandiserAsync();
        await CreateAsync(merchandiser, "빈 선반", "Empty Shelf");
        var full = await app.WithDbAsync(db => db.Products.Select(p => p.Category.Slug).FirstAsync());

        var page = await merchandiser.GetAsync("/admin/categories");
        var refused = await Browser.Page.LoadAsync(await ActAsync(merchandiser, page, full, "delete"));
        Assert.Contains("hide it instead", refused.Document.QuerySelector("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await app.WithDbAsync(db => db.Categories.FirstOrDefaultAsync(c => c.Slug == full)));

        page = await merchandiser.GetAsync("/admin/categories");
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(merchandiser, page, "empty-shelf", "delete")).StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Categories.FirstOrDefaultAsync(c => c.Slug == "empty-shelf")));
        Assert.True(await app.WithDbAsync(db => db.CategoryEvents.AnyAsync(e => e.Slug == "empty-shelf" && e.Kind == CategoryEventKind.Deleted)));
    }
}
