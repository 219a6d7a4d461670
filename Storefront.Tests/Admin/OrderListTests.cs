using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Storefront.Admin;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>
/// The order list and its CSV export over orders written straight to the database. Each test keeps to its own
/// days (in 2019, before any order the other tests make), so the shared database does not disturb it.
/// </summary>
public sealed class OrderListTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task Each_filter_narrows_the_list()
    {
        var day = new DateTime(2019, 2, 1, 8, 0, 0, DateTimeKind.Utc);
        var paidKr = await SeedOneAsync(new SeededOrder { CreatedAt = day });
        var failedKr = await SeedOneAsync(new SeededOrder { CreatedAt = day.AddHours(1), Status = OrderStatus.PaymentFailed });
        var fulfilledUs = await SeedOneAsync(new SeededOrder { CreatedAt = day.AddHours(2), Country = "US", Status = OrderStatus.Fulfilled, UnitPrice = 2_500 });
        var idealNl = await SeedOneAsync(new SeededOrder { CreatedAt = day.AddDays(1), Country = "NL", PaymentMethod = "ideal", UnitPrice = 1_999 });
        var unpaidJp = await SeedOneAsync(new SeededOrder { CreatedAt = day.AddDays(2), Country = "JP", PaymentMethod = null, Status = OrderStatus.AwaitingPayment, UnitPrice = 1_200 });
        using var merchandiser = await app.MerchandiserAsync();
        const string range = "from=2019-02-01&to=2019-02-03";

        Assert.Equal([unpaidJp, idealNl, fulfilledUs, failedKr, paidKr], await NumbersAsync(merchandiser, range));
        Assert.Equal([idealNl, paidKr], await NumbersAsync(merchandiser, $"{range}&status=Paid"));
        Assert.Equal([failedKr], await NumbersAsync(merchandiser, $"{range}&payment=Failed"));
        Assert.Equal([idealNl], await NumbersAsync(merchandiser, $"{range}&method=ideal"));
        Assert.Equal([fulfilledUs], await NumbersAsync(merchandiser, $"{range}&country=us"));
        Assert.Equal([unpaidJp], await NumbersAsync(merchandiser, $"{range}&payment=NotStarted"));
        Assert.Equal([fulfilledUs, failedKr, paidKr], await NumbersAsync(merchandiser, "from=2019-02-01&to=2019-02-01"));
        Assert.Equal([unpaidJp, idealNl], await NumbersAsync(merchandiser, "from=2019-02-02&to=2019-02-03"));
        Assert.Equal([paidKr], await NumbersAsync(merchandiser, $"{range}&status=paid&country=KR&method=kakaopay&payment=Authorised"));

        var page = await merchandiser.GetAsync($"/admin/orders?{range}&status=Paid&country=NL");
        Assert.Equal("1", page.Document.QuerySelector("[data-testid=order-count]")?.GetAttribute("data-count"));
        Assert.Equal("Paid", page.Document.QuerySelector("#filter-status option[selected]")?.GetAttribute("value"));
        Assert.Equal("NL", page.Document.QuerySelector("#filter-country option[selected]")?.GetAttribute("value"));
        Assert.Equal("2019-02-01", page.Document.QuerySelector("#filter-from")?.GetAttribute("value"));
        var row = page.Document.QuerySelector($"tr[data-order='{idealNl}']")!;
        Assert.Equal($"/admin/orders/{idealNl}", row.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("€19.99", row.TextContent);
        Assert.Contains("iDEAL", row.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Search_finds_orders_by_number_email_phone_or_name()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var subscriber = Random.Shared.Next(1000_0000, 9999_9999).ToString();
        var day = new DateTime(2019, 4, 1, 8, 0, 0, DateTimeKind.Utc);
        var park = await SeedOneAsync(new SeededOrder
        {
            CreatedAt = day, Name = $"Park Jiwoo{token}", Email = $"Jiwoo.{token}@Example.KR", Phone = $"+82 10 {subscriber[..4]} {subscriber[4..]}",
        });
        var lee = await SeedOneAsync(new SeededOrder { CreatedAt = day.AddHours(1), Name = $"Lee {token}", Email = $"lee.{token}@example.kr", Phone = "+82 2 555 0100" });
        var other = await SeedOneAsync(new SeededOrder { CreatedAt = day.AddHours(2) });
        using var merchandiser = await app.MerchandiserAsync();

        Assert.Equal([park], await SearchAsync(merchandiser, park));
        Assert.Equal([park], await SearchAsync(merchandiser, park.ToLowerInvariant()));
        Assert.Equal([park], await SearchAsync(merchandiser, park[..9]));
        Assert.Equal([park], await SearchAsync(merchandiser, $"JIWOO.{token}@example.kr"));
        Assert.Equal([park], await SearchAsync(merchandiser, $"jiwoo.{token}"));
        Assert.Equal([lee], await SearchAsync(merchandiser, $"lee.{token}@"));
        Assert.Equal([park], await SearchAsync(merchandiser, $"park  jiwoo{token}"));
        Assert.Equal([lee], await SearchAsync(merchandiser, $"  LEE {token} "));
        Assert.Equal([park], await SearchAsync(merchandiser, $"010-{subscriber[..4]}-{subscriber[4..]}"));
        Assert.Equal([park], await SearchAsync(merchandiser, $"+82 10 {subscriber}"));
        Assert.Equal([park], await SearchAsync(merchandiser, subscriber[2..]));
        Assert.Equal([lee], await SearchAsync(merchandiser, "02-555-0100"));
        Assert.Empty(await SearchAsync(merchandiser, $"jiwoo{token}"));
        Assert.Empty(await SearchAsync(merchandiser, "%"));
        Assert.Empty(await SearchAsync(merchandiser, "_"));
        Assert.Empty(await SearchAsync(merchandiser, "' OR 1=1 --"));
        Assert.Equal([other], await SearchAsync(merchandiser, "kim MINJI"));
        Assert.Equal([other, lee, park], await SearchAsync(merchandiser, ""));
    }

    [Fact]
    public async Task Pages_and_sorts_are_done_by_the_server_and_keep_the_filter()
    {
        var day = new DateTime(2019, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var seeded = new List<SeededOrder>();
        for (var i = 0; i < 23; i++)
            seeded.Add(new SeededOrder { CreatedAt = day.AddMinutes(i * 7), UnitPrice = 10_000 + (i * 37 % 23) * 1_000 });
        await app.SeedAsync([.. seeded]);
        var newestFirst = seeded.OrderByDescending(o => o.CreatedAt).Select(o => o.Number).ToList();
        var cheapestFirst = seeded.OrderBy(o => o.UnitPrice).ThenBy(o => o.CreatedAt).Select(o => o.Number).ToList();
        using var merchandiser = await app.MerchandiserAsync();
        const string range = "from=2019-06-01&to=2019-06-01";

        Assert.Equal(newestFirst.Take(10), await NumbersAsync(merchandiser, $"{range}&size=10"));
        Assert.Equal(newestFirst.Skip(10).Take(10), await NumbersAsync(merchandiser, $"{range}&size=10&page=2"));
        Assert.Equal(newestFirst.Skip(20), await NumbersAsync(merchandiser, $"{range}&size=10&page=3"));
        Assert.Equal(newestFirst.Skip(20), await NumbersAsync(merchandiser, $"{range}&size=10&page=99"));
        Assert.Equal(cheapestFirst.Take(10), await NumbersAsync(merchandiser, $"{range}&size=10&sort=total&dir=asc"));
        Assert.Equal(cheapestFirst.AsEnumerable().Reverse().Take(10), await NumbersAsync(merchandiser, $"{range}&size=10&sort=total&dir=desc"));
        Assert.Equal(seeded.Select(o => o.Number).Order(StringComparer.Ordinal).Take(10), await NumbersAsync(merchandiser, $"{range}&size=10&sort=number&dir=asc"));
        Assert.Equal(newestFirst.AsEnumerable().Reverse().Take(10), await NumbersAsync(merchandiser, $"{range}&size=10&sort=created&dir=asc"));

        var page = await merchandiser.GetAsync($"/admin/orders?{range}&size=10&sort=total&dir=asc&page=2");
        Assert.Equal("Page 2 of 3", page.Document.QuerySelector(".pager-position")?.TextContent);
        Assert.Equal("/admin/orders?from=2019-06-01&to=2019-06-01&sort=total&dir=asc&size=10&page=3", page.Document.QuerySelector("a[rel=next]")?.GetAttribute("href"));
        Assert.Equal("/admin/orders?from=2019-06-01&to=2019-06-01&sort=total&dir=asc&size=10", page.Document.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("ascending", page.Document.QuerySelector("th[aria-sort]")?.GetAttribute("aria-sort"));
        Assert.Equal("/admin/orders?from=2019-06-01&to=2019-06-01&sort=total&dir=desc&size=10", page.Document.QuerySelector("th[aria-sort] a")?.GetAttribute("href"));
        Assert.Equal("/admin/orders/export?from=2019-06-01&to=2019-06-01&sort=total&dir=asc&size=10", page.Document.QuerySelector("[data-testid=export-csv]")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("page=-1")]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("page=99999999999999999999")]
    [InlineData("size=1000000")]
    [InlineData("size=-3")]
    [InlineData("status=Bogus")]
    [InlineData("status=3")]
    [InlineData("status=Paid,Cancelled")]
    [InlineData("payment=-1")]
    [InlineData("method=%3Cscript%3E")]
    [InlineData("country=XX")]
    [InlineData("from=yesterday&to=2019-13-45")]
    [InlineData("from=0001-01-01&to=9999-12-31")]
    [InlineData("sort=Id;DROP&dir=sideways")]
    [InlineData("from=2019-06-01&to=2019-05-01")]
    public async Task Bad_filter_values_fall_back_to_sane_defaults_and_say_so(string query)
    {
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync($"/admin/orders?{query}");
        var export = await merchandiser.Client.GetAsync($"/admin/orders/export?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=orders], .notice"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        if (query != "from=0001-01-01&to=9999-12-31")
            Assert.NotNull(page.Document.QuerySelector("[data-testid=ignored-filters]"));
    }

    [Fact]
    public async Task A_search_longer_than_the_limit_is_cut_not_refused()
    {
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync($"/admin/orders?q={new string('a', 5_000)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(OrderListQuery.MaxSearchLength, page.Document.QuerySelector("#filter-q")?.GetAttribute("value")?.Length);
    }

    [Fact]
    public async Task The_csv_export_streams_the_current_filter_escaped_and_safe_to_open()
    {
        var day = new DateTime(2019, 8, 1, 9, 30, 0, DateTimeKind.Utc);
        var formula = await SeedOneAsync(new SeededOrder { CreatedAt = day, Name = "=HYPERLINK(\"http://evil.example\",\"Click\")", Email = "@sum@example.kr", Phone = "+82 10 1111 2222" });
        var quoted = await SeedOneAsync(new SeededOrder { CreatedAt = day.AddMinutes(1), Name = "Choi, \"Minho\"\nSecond line", Email = "-minus@example.kr", UnitPrice = 12_345, Quantity = 2 });
        var hangul = await SeedOneAsync(new SeededOrder { CreatedAt = day.AddMinutes(2), Name = "김민지", Email = "minji@example.kr", Country = "US", UnitPrice = 1_250 });
        await SeedOneAsync(new SeededOrder { CreatedAt = day.AddDays(1), Name = "Outside the filter" });
        await app.WithDbAsync(async db =>
        {
            var order = await db.Orders.Include(o => o.Attempts).Include(o => o.Modifications).SingleAsync(o => o.Number == hangul);
            var refund = order.RequestRefund(250, "Goodwill", "seed", day.AddHours(1));
            order.ApplyModificationResult(refund, true, "RF000000000001", null, day.AddHours(2), OrderEventSource.Webhook);
            await db.SaveChangesAsync();
        });
        using var merchandiser = await app.MerchandiserAsync();

        using var response = await merchandiser.Client.GetAsync("/admin/orders/export?from=2019-08-01&to=2019-08-01&sort=created&dir=asc",
            HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches("^\"?orders-[0-9]{8}-[0-9]{6}\\.csv\"?$", response.Content.Headers.ContentDisposition?.FileName);
        // Written as it is read, not buffered into one body of known length.
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Null(response.Content.Headers.ContentLength);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = rows[0];
        Assert.Equal("Order", header[0]);
        Assert.Equal([formula, quoted, hangul], rows.Skip(1).Select(r => r[0]));
        string Cell(int row, string column) => rows[row][Array.IndexOf(header, column)];
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"Click\")", Cell(1, "Name"));
        Assert.Equal("'@sum@example.kr", Cell(1, "Email"));
        Assert.Equal("'+82 10 1111 2222", Cell(1, "Phone"));
        Assert.Equal("Choi, \"Minho\"\nSecond line", Cell(2, "Name"));
        Assert.Equal("'-minus@example.kr", Cell(2, "Email"));
        Assert.Equal("24690", Cell(2, "Total"));
        Assert.Equal("김민지", Cell(3, "Name"));
        Assert.Equal(("USD", "12.50", "2.50"), (Cell(3, "Currency"), Cell(3, "Total"), Cell(3, "Refunded")));
        Assert.Equal(("0", "Paid", "Authorised"), (Cell(2, "Refunded"), Cell(2, "Status"), Cell(2, "Payment status")));
        Assert.Equal("2019-08-01 09:30:00", Cell(1, "Placed (UTC)"));
        Assert.Equal("kakaopay", Cell(1, "Payment method"));
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("=A1,B1", "\"'=A1,B1\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("a=b", "a=b")]
    public void Csv_cells_are_quoted_and_formulas_defused(string? value, string expected)
    {
        var written = new StringWriter();
        using (var csv = CsvWriter.Create(written, AdminCsv.Writer with { WriteByteOrderMark = false }, leaveOpen: true))
            csv.WriteRecord([value!, "next"]);
        var cell = written.ToString()[..^"next\r\n".Length];

        // The cell a spreadsheet reads, whichever quotes the writer chose; and quoted wherever it must be.
        Assert.Equal(ParseCsv(expected + ",next\r\n").Single()[0], ParseCsv(cell + "next\r\n").Single()[0]);
        if (expected.StartsWith('"'))
            Assert.StartsWith("\"", cell);
    }

    private async Task<string> SeedOneAsync(SeededOrder order) => (await app.SeedAsync(order)).Single();

    private static async Task<IReadOnlyList<string>> NumbersAsync(Browser browser, string query)
    {
        var page = await browser.GetAsync($"/admin/orders?{query}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("[data-testid=ignored-filters]"));
        return page.Document.QuerySelectorAll("[data-testid=orders] tbody tr").Select(tr => tr.GetAttribute("data-order")!).ToList();
    }

    private static Task<IReadOnlyList<string>> SearchAsync(Browser browser, string search) =>
        NumbersAsync(browser, $"from=2019-04-01&to=2019-04-01&q={Uri.EscapeDataString(search)}");

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end with CRLF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    (cell, i) = (cell.Append('"'), i + 1);
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
                (row, cell) = (Add(row, cell), new StringBuilder());
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                rows.Add(Add(row, cell).ToArray());
                (row, cell, i) = ([], new StringBuilder(), i + 1);
            }
            else
                cell.Append(c);
        }
        Assert.Equal(0, cell.Length + row.Count);
        return rows;

        static List<string> Add(List<string> row, StringBuilder cell)
        {
            row.Add(cell.ToString());
            return row;
        }
    }
}
