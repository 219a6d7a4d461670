using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Admin;
using Storefront.Catalog;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>
/// The products CSV: the export reads back through the import as no change at all (Korean text, formulas defused and
/// restored, prices in major units); the dry run lists every change and every row's error and saves nothing; the apply
/// saves every row in one transaction with the stock on the history, refuses the whole file when a product moved since
/// the dry run, and changes nothing the second time. Each test works on products of its own (a slug prefix).
/// </summary>
public sealed class ProductCsvTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    private static readonly string Header = string.Join(',', ProductsCsv.Columns);

    private Task<string> CategoryAsync() => app.WithDbAsync(db => db.Categories.OrderBy(c => c.Id).Select(c => c.Slug).FirstAsync());

    /// <summary>Two new products: one named like a formula, one with a comma, quotes and a line break in its description.</summary>
    private async Task<string> NewProductsFileAsync(string prefix)
    {
        var category = await CategoryAsync();
        return Header + "\r\n"
            + $"{prefix}-tea,{prefix.ToUpperInvariant()}-1,유기농 녹차,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",향긋한 녹차,\"Green, \"\"fresh\"\"\nsecond line\",{category},12000,12.50,1300,,,10,3,true,false\r\n"
            + $"{prefix}-cup,,찻잔,-50% cup,예쁜 찻잔,A cup,{category},8000,,,,,4,5,false,false\r\n";
    }

    [Fact]
    public async Task An_export_imported_again_changes_nothing_and_keeps_korean_text_and_defused_formulas()
    {
        using var merchandiser = await app.MerchandiserAsync();
        await ApplyAsync(merchandiser, await NewProductsFileAsync("roundtrip"));

        var response = await merchandiser.Client.GetAsync("/admin/products/export?q=roundtrip&sort=Slug");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith(Header + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("roundtrip-cup,,찻잔,\"'-50% cup\",예쁜 찻잔,A cup,", text, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains(",12000,12.50,1300,,,10,3,true,false", text, StringComparison.Ordinal);

        var dryRun = await UploadAsync(merchandiser, bytes);

        Assert.NotNull(dryRun.Document.QuerySelector("[data-testid=no-changes]"));
        Assert.Empty(dryRun.Document.QuerySelectorAll("[data-testid=rows] tbody tr"));
        Assert.Null(dryRun.Document.QuerySelector("#apply-form"));
        var tea = await ProductAsync("roundtrip-tea");
        Assert.Equal(("유기농 녹차", "=HYPERLINK(\"http://evil.example\",\"x\")"), (tea.Names.Ko, tea.Names.En));
        Assert.Equal("Green, \"fresh\"\nsecond line", tea.Descriptions.En);
        Assert.Equal((12_000L, 1_250L, 1_300L), (tea.PriceIn("KRW")!.Value.MinorUnits, tea.PriceIn("USD")!.Value.MinorUnits, tea.PriceIn("JPY")!.Value.MinorUnits));
        Assert.Equal("-50% cup", (await ProductAsync("roundtrip-cup")).Names.En);
    }

    [Fact]
    public async Task The_lists_export_link_carries_its_filter_and_the_export_keeps_to_it()
    {
        using var merchandiser = await app.MerchandiserAsync();
        await ApplyAsync(merchandiser, await NewProductsFileAsync("filtered"));

        var list = await merchandiser.GetAsync("/admin/products?q=filtered-cup");
        var link = list.Document.QuerySelector("[data-testid=export-csv]")!.GetAttribute("href")!;
        var text = Encoding.UTF8.GetString(await merchandiser.Client.GetByteArrayAsync(link));

        Assert.Equal("/admin/products/export?q=filtered-cup", link);
        Assert.Equal(["filtered-cup"], text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')[0]));
    }

    [Fact]
    public async Task The_dry_run_shows_every_change_and_every_rows_error_and_saves_nothing()
    {
        using var merchandiser = await app.MerchandiserAsync();
        await ApplyAsync(merchandiser, await NewProductsFileAsync("dryrun"));
        var before = await SnapshotAsync("dryrun");
        var category = await CategoryAsync();
        var file = "slug,name_ko,name_en,description_en,category,price_krw,price_usd,stock\r\n"
            + $"dryrun-tea,유기농 녹차 특선,,A tea,{category},15000,12.50,25\r\n"
            + $"dryrun-cup,찻잔,,A cup,no-such-shelf,8000,,4\r\n"
            + $"dryrun-new,,,A thing,{category},1000.50,9.999,-1\r\n"
            + $"dryrun-tea,유기농 녹차,,A tea,{category},12000,,10\r\n"
            + $"dryrun-fresh,새 상품,Fresh,Fresh thing,{category},5000,,2\r\n";

        var dryRun = await UploadAsync(merchandiser, Encoding.UTF8.GetBytes(file));

        string Row(int number) => dryRun.Document.QuerySelector($"[data-row='{number}']")?.TextContent ?? "";
        string State(int number) => dryRun.Document.QuerySelector($"[data-row='{number}']")?.GetAttribute("data-state") ?? "";
        Assert.Equal("changed", State(2));
        Assert.Contains("Name (ko): 유기농 녹차 → 유기농 녹차 특선", Row(2), StringComparison.Ordinal);
        Assert.Contains("Name (en): =HYPERLINK", Row(2), StringComparison.Ordinal);
        Assert.Contains("Price KRW: ₩12,000 → ₩15,000", Row(2), StringComparison.Ordinal);
        Assert.Contains("Stock: 10 → 25", Row(2), StringComparison.Ordinal);
        Assert.Equal("error", State(3));
        Assert.Contains("There is no category “no-such-shelf”.", Row(3), StringComparison.Ordinal);
        Assert.Equal("error", State(4));
        Assert.Contains("Give the product a name in Korean or English.", Row(4), StringComparison.Ordinal);
        Assert.Contains("A price in KRW is a whole number above zero", Row(4), StringComparison.Ordinal);
        Assert.Contains("A price in USD is above zero with at most two decimals.", Row(4), StringComparison.Ordinal);
        Assert.Contains("Stock is a number from 0 to 1000000.", Row(4), StringComparison.Ordinal);
        Assert.Equal("error", State(5));
        Assert.Contains("The slug “dryrun-tea” is on row 2 too.", Row(5), StringComparison.Ordinal);
        Assert.Equal("new", State(6));
        Assert.Contains("Price KRW: ₩5,000", Row(6), StringComparison.Ordinal);
        Assert.Contains("1 new, 1 changed, 0 unchanged, 3 with errors.", dryRun.Document.QuerySelector("[data-testid=summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(dryRun.Document.QuerySelector("#apply-form"));
        Assert.Equal(before, await SnapshotAsync("dryrun"));
    }

    [Theory]
    [InlineData("slug,colour\r\na,red\r\n", "The file has a column “colour” that the import does not know.")]
    [InlineData("name_en,stock\r\nTea,1\r\n", "The file has no “slug” column")]
    [InlineData("slug,stock,Stock\r\na,1,2\r\n", "The column “stock” is in the file twice.")]
    [InlineData("slug,name_en\r\na,\"unclosed\r\nb,x\r\n", "is not valid CSV: check its quotes.")]
    [InlineData("slug,stock\r\n", "The file has no products")]
    public async Task A_file_the_import_cannot_read_is_refused_as_a_whole(string file, string error)
    {
        using var merchandiser = await app.MerchandiserAsync();

        var dryRun = await UploadAsync(merchandiser, Encoding.UTF8.GetBytes(file));

        Assert.Contains(error, dryRun.Document.QuerySelector("[data-testid=file-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(dryRun.Document.QuerySelector("#apply-form"));
    }

    [Fact]
    public async Task Apply_saves_every_row_with_the_stock_on_the_history_and_the_same_file_again_changes_nothing()
    {
        using var merchandiser = await app.MerchandiserAsync();
        await ApplyAsync(merchandiser, await NewProductsFileAsync("apply"));
        var file = "slug,price_krw,stock,published\r\napply-tea,15000,25,true\r\napply-cup,8000,4,true\r\n";

        var applied = await ApplyAsync(merchandiser, file);

        Assert.Contains("2 products changed, 0 new", applied.Document.QuerySelector("[data-testid=applied]")!.TextContent, StringComparison.Ordinal);
        var tea = await app.WithDbAsync(db => db.Products.AsNoTracking().Include(p => p.Prices).Include(p => p.History).SingleAsync(p => p.Slug == "apply-tea"));
        Assert.Equal((15_000L, 25, true), (tea.PriceIn("KRW")!.Value.MinorUnits, tea.Stock, tea.IsPublished));
        var stock = Assert.Single(tea.History, e => e.Kind == ProductEventKind.StockAdjusted);
        Assert.Equal((10, 25, ProductImport.StockReason, StorefrontFactory.MerchandiserEmail), (stock.StockBefore, stock.StockAfter, stock.Note, stock.Actor));
        var edit = Assert.Single(tea.History, e => e.Kind == ProductEventKind.Edited);
        Assert.Contains("Price KRW: ₩12,000 → ₩15,000", edit.Note, StringComparison.Ordinal);
        Assert.True((await ProductAsync("apply-cup")).IsPublished);

        var before = await SnapshotAsync("apply");
        var again = await UploadAsync(merchandiser, Encoding.UTF8.GetBytes(file));
        Assert.NotNull(again.Document.QuerySelector("[data-testid=no-changes]"));
        Assert.Equal(before, await SnapshotAsync("apply"));
    }

    [Fact]
    public async Task A_product_that_changed_since_the_dry_run_refuses_the_whole_file_until_it_is_dry_run_again()
    {
        using var merchandiser = await app.MerchandiserAsync();
        await ApplyAsync(merchandiser, await NewProductsFileAsync("race"));
        var dryRun = await UploadAsync(merchandiser, Encoding.UTF8.GetBytes("slug,stock\r\nrace-tea,30\r\nrace-cup,40\r\n"));
        await app.WithDbAsync(async db =>
        {
            var cup = await db.Products.SingleAsync(p => p.Slug == "race-cup");
            cup.ReserveStock(1, "SF-RACE0001", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var refused = await Browser.Page.LoadAsync(await merchandiser.SubmitAsync(dryRun, "#apply-form"));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("The catalog changed since the dry run", refused.Document.QuerySelector("[data-testid=warning]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((10, 3), ((await ProductAsync("race-tea")).Stock, (await ProductAsync("race-cup")).Stock));
        Assert.Contains("Stock: 3 → 40", refused.Document.QuerySelector("[data-row='3']")!.TextContent, StringComparison.Ordinal);

        // The new dry run on the refused page applies.
        var applied = await merchandiser.SubmitAsync(refused, "#apply-form");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal((30, 40), ((await ProductAsync("race-tea")).Stock, (await ProductAsync("race-cup")).Stock));
    }

    [Fact]
    public async Task Apply_is_one_transaction_a_failing_row_saves_no_other()
    {
        var category = await CategoryAsync();
        using (var merchandiser = await app.MerchandiserAsync())
            await ApplyAsync(merchandiser, await NewProductsFileAsync("atomic"));
        var before = await SnapshotAsync("atomic");
        var file = Encoding.UTF8.GetBytes($"slug,name_en,description_en,category,stock\r\natomic-tea,Tea,A tea,{category},50\r\n"
            + $"atomic-new,New,A new one,{category},5\r\natomic-cup,Cup,A cup,{category},60\r\n");
        // The database itself refuses the last row's update, after the others were written in the same save.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_atomic_cup BEFORE UPDATE ON Products WHEN NEW.Slug = 'atomic-cup' BEGIN SELECT RAISE(ABORT, 'refused'); END"));
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ProductImport>();
            var plan = await import.DryRunAsync(file, "csv-test", CancellationToken.None);
            Assert.True(plan.CanApply);

            await Assert.ThrowsAnyAsync<DbUpdateException>(() => import.ApplyAsync(file, plan.Fingerprint, "csv-test", CancellationToken.None));
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_atomic_cup"));
        }

        Assert.Equal(before, await SnapshotAsync("atomic"));
    }

    [Fact]
    public async Task A_dry_run_that_was_tampered_with_or_made_up_applies_nothing()
    {
        using var merchandiser = await app.MerchandiserAsync();
        await ApplyAsync(merchandiser, await NewProductsFileAsync("sealed"));
        var dryRun = await UploadAsync(merchandiser, Encoding.UTF8.GetBytes("slug,stock\r\nsealed-tea,99\r\n"));
        var before = await SnapshotAsync("sealed");
        var sealedValue = dryRun.Document.QuerySelector("#apply-form input[name=dryRun]")!.GetAttribute("value")!;

        foreach (var forged in new[] { sealedValue[..^4] + "AAAA", "", "not-a-dry-run" })
        {
            var answer = await Browser.Page.LoadAsync(await merchandiser.SubmitAsync(dryRun, "#apply-form", new Dictionary<string, string> { ["dryRun"] = forged }));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Contains("upload the file again", answer.Document.QuerySelector("[data-testid=warning]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync("sealed"));
    }

    [Fact]
    public async Task A_korean_merchandiser_reads_the_errors_in_korean()
    {
        using var merchandiser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await merchandiser.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword);

        var dryRun = await UploadAsync(merchandiser, Encoding.UTF8.GetBytes($"slug,name_ko,description_ko,category\r\nkorean-new,한글 상품,설명,없는-분류\r\n"));

        Assert.Contains("“없는-분류” 카테고리가 없습니다.", dryRun.Document.QuerySelector("[data-row='2']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Products.CountAsync(p => p.Slug == "korean-new")));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_a_clear_message()
    {
        using var merchandiser = await app.MerchandiserAsync();
        var big = Encoding.UTF8.GetBytes(Header + "\r\n" + new string('x', ProductsCsv.MaxFileBytes));

        var answer = await UploadAsync(merchandiser, big);

        Assert.Contains("The file is larger than 2 MB", answer.Document.QuerySelector("[data-testid=warning]")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<Browser.Page> UploadAsync(Browser merchandiser, byte[] file)
    {
        var form = await merchandiser.GetAsync("/admin/products/import");
        var token = form.Document.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "products.csv");
        var response = await merchandiser.Client.PostAsync("/admin/products/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Browser.Page.LoadAsync(response);
    }

    /// <summary>Dry-runs and applies a file; the answer is the page after the redirect.</summary>
    private async Task<Browser.Page> ApplyAsync(Browser merchandiser, string file)
    {
        var dryRun = await UploadAsync(merchandiser, Encoding.UTF8.GetBytes(file));
        Assert.True(dryRun.Document.QuerySelector("#apply-form") is not null, dryRun.Document.QuerySelector("[data-testid=dry-run]")?.TextContent);
        var applied = await merchandiser.SubmitAsync(dryRun, "#apply-form");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        return await merchandiser.GetAsync(applied.Headers.Location!.OriginalString);
    }

    private Task<Product> ProductAsync(string slug) =>
        app.WithDbAsync(db => db.Products.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Slug == slug));

    /// <summary>The prefix's products with their prices and history, as text.</summary>
    private Task<string> SnapshotAsync(string prefix) => app.WithDbAsync(async db =>
    {
        var products = await db.Products.AsNoTracking().Include(p => p.Prices).Include(p => p.History)
            .Where(p => p.Slug.StartsWith(prefix)).OrderBy(p => p.Id).ToListAsync();
        return string.Join('\n', products.Select(p =>
            $"{p.Id} {p.Slug} {p.Version} {p.Names.Ko}/{p.Names.En} {p.Stock} {p.IsPublished} "
            + string.Join(',', p.Prices.OrderBy(x => x.Currency).Select(x => $"{x.Currency}{x.Amount}")) + $" events:{p.History.Count}"));
    });
}
