using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Storefront.Orders;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>
/// The dashboard's figures, chart and attention lists over orders and webhook messages written straight to the
/// database, with the clock fixed at noon (UTC) of today so that "today" and "the last 7 days" are known. Each test
/// keeps to its own currency or days, so that the others' orders do not change its figures.
/// </summary>
public sealed class DashboardTests(DashboardTests.NoonFactory app) : IClassFixture<DashboardTests.NoonFactory>
{
    private DateTime Noon => app.Clock!.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Orders_and_revenue_per_currency_for_today_and_the_last_seven_days()
    {
        await app.SeedAsync(
            new SeededOrder { CreatedAt = Noon.AddHours(-1), UnitPrice = 15_000, Quantity = 2 },
            new SeededOrder { CreatedAt = Noon.AddHours(-3), UnitPrice = 9_000 },
            new SeededOrder { CreatedAt = Noon.AddMinutes(-10), PaymentMethod = null, Status = OrderStatus.AwaitingPayment },
            new SeededOrder { CreatedAt = Noon.AddHours(-2), Status = OrderStatus.PaymentFailed },
            new SeededOrder { CreatedAt = Noon.AddHours(-4), Country = "US", UnitPrice = 2_550, Status = OrderStatus.Fulfilled },
            new SeededOrder { CreatedAt = Noon.AddDays(-3), UnitPrice = 40_000 },
            new SeededOrder { CreatedAt = Noon.AddDays(-6).Date.AddMinutes(1), UnitPrice = 5_000 },
            new SeededOrder { CreatedAt = Noon.AddDays(-7).Date.AddHours(23), UnitPrice = 7_000 },
            new SeededOrder { CreatedAt = Noon.AddDays(-10), Country = "JP", UnitPrice = 1_200 });
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(("4", "2", "39000"), Figures(page, "figures-today", "KRW"));
        Assert.Equal(("1", "1", "2550"), Figures(page, "figures-today", "USD"));
        Assert.Equal("₩39,000", page.Document.QuerySelector("[data-testid=figures-today] tr[data-currency=KRW] [data-testid=revenue]")?.TextContent);
        Assert.Equal("$25.50", page.Document.QuerySelector("[data-testid=figures-today] tr[data-currency=USD] [data-testid=revenue]")?.TextContent);
        Assert.Null(page.Document.QuerySelector("[data-testid=figures-today] tr[data-currency=JPY]"));
        Assert.Equal(("6", "4", "84000"), Figures(page, "figures-week", "KRW"));
        Assert.Equal(("1", "1", "2550"), Figures(page, "figures-week", "USD"));
        Assert.Null(page.Document.QuerySelector("[data-testid=figures-week] tr[data-currency=JPY]"));
    }

    [Fact]
    public async Task The_chart_draws_a_bar_per_day_with_a_text_alternative()
    {
        var fiveDaysAgo = Noon.AddDays(-5);
        await app.SeedAsync(
            new SeededOrder { CreatedAt = fiveDaysAgo, Country = "GB" },
            new SeededOrder { CreatedAt = fiveDaysAgo.AddHours(1), Country = "GB" },
            new SeededOrder { CreatedAt = fiveDaysAgo.AddHours(2), Country = "GB", Status = OrderStatus.PaymentFailed },
            new SeededOrder { CreatedAt = Noon.AddDays(-20), Country = "GB" });
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync("/admin");

        var chart = page.Document.QuerySelector("svg[data-testid=orders-chart]")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.StartsWith("Orders placed per day", chart.QuerySelector("title")?.TextContent);
        var bars = chart.QuerySelectorAll("g[data-day]");
        Assert.Equal(14, bars.Length);
        Assert.Equal(DateOnly.FromDateTime(Noon).ToString("yyyy-MM-dd"), bars[^1].GetAttribute("data-day"));
        Assert.Equal(DateOnly.FromDateTime(Noon.AddDays(-13)).ToString("yyyy-MM-dd"), bars[0].GetAttribute("data-day"));
        var day = DateOnly.FromDateTime(fiveDaysAgo).ToString("yyyy-MM-dd");
        var bar = chart.QuerySelector($"g[data-day='{day}']")!;
        Assert.Equal("3", bar.GetAttribute("data-orders"));
        Assert.Equal($"{day}: 3 orders", bar.QuerySelector("rect title")?.TextContent);
        Assert.True(int.Parse(bar.QuerySelector("rect")!.GetAttribute("height")!) > 0);
        var table = page.Document.QuerySelectorAll("[data-testid=orders-per-day] tbody tr")
            .ToDictionary(tr => tr.Children[0].TextContent, tr => tr.Children[1].TextContent);
        Assert.Equal(14, table.Count);
        Assert.Equal("3", table[day]);
        // Drawn on the server: the page has no script but the site's own (the header's country picker).
        Assert.All(page.Document.QuerySelectorAll("script"), script => Assert.StartsWith("/js/site.js", script.GetAttribute("src")));
    }

    [Fact]
    public async Task What_needs_attention_is_listed_with_links()
    {
        var stuck = SeededOrder.NextNumber();
        var fresh = SeededOrder.NextNumber();
        var flagged = SeededOrder.NextNumber();
        var refunds = SeededOrder.NextNumber();
        await app.SeedAsync(
            new SeededOrder { Number = stuck, Country = "DE", CreatedAt = Noon.AddHours(-2), PaymentMethod = null, Status = OrderStatus.AwaitingPayment },
            new SeededOrder { Number = fresh, Country = "DE", CreatedAt = Noon.AddMinutes(-5), PaymentMethod = null, Status = OrderStatus.AwaitingPayment },
            new SeededOrder { Number = flagged, Country = "DE", CreatedAt = Noon.AddDays(-1) },
            new SeededOrder { Number = refunds, Country = "DE", CreatedAt = Noon.AddDays(-2), Quantity = 4 });
        await app.WithDbAsync(async db =>
        {
            var flaggedOrder = db.Orders.Single(o => o.Number == flagged);
            flaggedOrder.Flag("Authorised for ₩1 less than the order", Noon.AddHours(-5), OrderEventSource.System);
            var order = db.Orders.Single(o => o.Number == refunds);
            await db.Entry(order).Collection(o => o.Attempts).LoadAsync();
            var failed = order.RequestRefund(1_000, "Goodwill", "merch", Noon.AddHours(-6));
            order.ApplyModificationResult(failed, false, "RF0000000000FAIL", "Insufficient balance", Noon.AddHours(-5), OrderEventSource.Webhook);
            order.RequestRefund(2_000, "Late", "merch", Noon.AddHours(-3)).RecordSubmitted("RF00000000000OLD");
            order.RequestRefund(3_000, "Broken", "merch", Noon.AddMinutes(-10)).RecordSubmitted("RF0000000000NEW1");
            order.RequestRefund(4_000, "Unsent", "merch", Noon.AddMinutes(-5));
            db.WebhookMessages.AddRange(
                Message("POISON-1", WebhookStatus.Poisoned), Message("POISON-2", WebhookStatus.Poisoned),
                Message("FAILED-1", WebhookStatus.Failed), Message("UNMATCHED-1", WebhookStatus.Unmatched), Message("DONE-1", WebhookStatus.Processed));
            await db.SaveChangesAsync();
        });
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync("/admin");

        var stuckList = page.Document.QuerySelector("[data-testid=stuck]")!;
        Assert.NotNull(stuckList.QuerySelector($"a[href='/admin/orders/{stuck}']"));
        Assert.Null(stuckList.QuerySelector($"a[href='/admin/orders/{fresh}']"));
        var flaggedList = page.Document.QuerySelector("[data-testid=flagged]")!;
        Assert.Contains("₩1 less than the order", flaggedList.Children.Single(li => li.QuerySelector($"a[href='/admin/orders/{flagged}']") is not null).TextContent);
        Assert.Contains($"{refunds}-R1", page.Document.QuerySelector("[data-testid=failed]")?.TextContent);
        Assert.Contains("Insufficient balance", page.Document.QuerySelector("[data-testid=failed]")?.TextContent);
        var waiting = page.Document.QuerySelector("[data-testid=waiting]")!.TextContent;
        Assert.Contains($"{refunds}-R2", waiting);
        Assert.DoesNotContain($"{refunds}-R3", waiting);
        Assert.Contains($"{refunds}-R4", waiting);
        var webhooks = page.Document.QuerySelector("[data-testid=webhook-problems]")!;
        Assert.Equal("2", webhooks.QuerySelector("li[data-status=Poisoned] [data-testid=count]")?.TextContent);
        Assert.Equal("1", webhooks.QuerySelector("li[data-status=Failed] [data-testid=count]")?.TextContent);
        Assert.Equal("1", webhooks.QuerySelector("li[data-status=Unmatched] [data-testid=count]")?.TextContent);
        Assert.Equal("/admin/webhooks?status=Poisoned", webhooks.QuerySelector("li[data-status=Poisoned] a")?.GetAttribute("href"));
    }

    private WebhookMessage Message(string psp, WebhookStatus status) =>
        new(WebhookKind.Standard, $"{psp}:REFUND:true:", "REFUND", psp, null, null, true, false, "{}", Noon.AddHours(-1))
        {
            Status = status,
            // Counted by the dashboard, not work for the app's own worker, which would take a due row and move it.
            NextAttemptAt = Noon.AddYears(100),
        };

    private static (string?, string?, string?) Figures(Browser.Page page, string table, string currency)
    {
        var row = page.Document.QuerySelector($"[data-testid={table}] tr[data-currency={currency}]");
        return (row?.QuerySelector("[data-testid=placed]")?.TextContent, row?.QuerySelector("[data-testid=paid]")?.TextContent,
            row?.QuerySelector("[data-testid=revenue]")?.GetAttribute("data-minor-units"));
    }

    /// <summary>The app with its clock stopped at noon UTC of the day the tests run.</summary>
    public sealed class NoonFactory : StorefrontFactory
    {
        public NoonFactory()
        {
            Clock = new FakeTimeProvider(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero));
            Settings["Admin:Dashboard:TimeZone"] = "UTC";
        }
    }
}

/// <summary>A shop in Korea counts Seoul's days: at 05:00 in Seoul, today began five hours ago, not at 09:00.</summary>
public sealed class SeoulDashboardTests(SeoulDashboardTests.SeoulMorningFactory app) : IClassFixture<SeoulDashboardTests.SeoulMorningFactory>
{
    [Fact]
    public async Task Today_and_the_chart_follow_the_configured_time_zone()
    {
        var now = app.Clock!.GetUtcNow().UtcDateTime;
        var seoulToday = DateOnly.FromDateTime(now.AddHours(9));
        await app.SeedAsync(
            new SeededOrder { CreatedAt = now.AddHours(-2), UnitPrice = 10_000 },
            new SeededOrder { CreatedAt = now.AddHours(-7), UnitPrice = 20_000 });
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync("/admin");

        Assert.Equal("Asia/Seoul", page.Document.QuerySelector("[data-testid=time-zone]")?.TextContent);
        Assert.Equal(seoulToday.ToString("yyyy-MM-dd"), page.Document.QuerySelector("[data-testid=today]")?.TextContent);
        // 03:00 in Seoul today; 22:00 in Seoul yesterday, although both are the same day in UTC.
        var today = page.Document.QuerySelector("[data-testid=figures-today] tr[data-currency=KRW]");
        Assert.Equal(("1", "10000"), (today?.QuerySelector("[data-testid=placed]")?.TextContent,
            today?.QuerySelector("[data-testid=revenue]")?.GetAttribute("data-minor-units")));
        var bars = page.Document.QuerySelectorAll("svg[data-testid=orders-chart] g[data-day]");
        Assert.Equal((seoulToday.ToString("yyyy-MM-dd"), "1"), (bars[^1].GetAttribute("data-day"), bars[^1].GetAttribute("data-orders")));
        Assert.Equal((seoulToday.AddDays(-1).ToString("yyyy-MM-dd"), "1"), (bars[^2].GetAttribute("data-day"), bars[^2].GetAttribute("data-orders")));
    }

    [Fact]
    public void An_unknown_time_zone_stops_the_app_on_start_naming_the_key()
    {
        using var misconfigured = new StorefrontFactory();
        misconfigured.Settings["Admin:Dashboard:TimeZone"] = "Korea/Busan";

        var failure = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(Record.Exception(misconfigured.StartServer));

        Assert.Contains("Admin:Dashboard:TimeZone 'Korea/Busan'", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The clock at 20:00 UTC, which is 05:00 the next morning in Seoul.</summary>
    public sealed class SeoulMorningFactory : StorefrontFactory
    {
        public SeoulMorningFactory()
        {
            Clock = new FakeTimeProvider(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(20), TimeSpan.Zero));
            Settings["Admin:Dashboard:TimeZone"] = "Asia/Seoul";
        }
    }
}
