using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.E2E.Infrastructure;
using Storefront.E2E.Pages;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;
using Storefront.Tests.Payments.Webhooks;

namespace Storefront.E2E.Admin;

/// <summary>
/// The sandbox delivering its webhooks, and like Adyen taking a moment before it reports a refund's outcome, so the
/// merchandiser sees the refund "requested" before it is "refunded".
/// </summary>
public sealed class RefundOutcomeLaterFactory : DeliveringSandboxFactory
{
    public RefundOutcomeLaterFactory() => Settings["Adyen:Sandbox:ModificationWebhookDelay"] = "00:00:03";
}

/// <summary>The merchandiser's journeys in Chromium over orders paid through the sandbox's KakaoPay.</summary>
public sealed partial class OrderManagementTests(ChromiumFixture chromium, RefundOutcomeLaterFactory app)
    : StorefrontJourney(chromium, app), IClassFixture<RefundOutcomeLaterFactory>
{
    private SandboxFactory Sandbox => (SandboxFactory)App;

    /// <summary>The sandbox delivers its REFUND webhook; the store's worker confirms the refund.</summary>
    [Fact]
    public Task A_merchandiser_finds_a_paid_kakaopay_order_refunds_half_and_sees_it_confirmed() => JourneyAsync(async page =>
    {
        var number = await Sandbox.PaidKakaoPayOrderAsync(quantity: 2);
        var total = await App.WithDbAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.TotalAmount).SingleAsync());
        await LogInAsMerchandiserAsync(page);

        var orders = await AdminOrdersPage.OpenAsync(page);
        await orders.FilterAsync(search: number, status: "Paid", paymentMethod: "kakaopay");
        await Expect(orders.Rows).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        var order = await orders.OpenOrderAsync(number);
        await Expect(order.Heading).ToHaveTextAsync($"Order {number}");
        await Expect(order.Total).ToHaveTextAsync($"₩{total:N0}");
        await page.AssertAccessibleAsync();

        await order.RefundAsync((total / 2).ToString(), "One cup arrived broken");

        await Expect(order.Notice).ToContainTextAsync("sent to Adyen");
        await Expect(order.ModificationStatus($"{number}-R1")).ToContainTextAsync("requested");
        await Expect(order.Refundable).ToHaveTextAsync($"₩{total - total / 2:N0}");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = E2EArtifacts.PathFor($"{nameof(OrderManagementTests)}.refund-requested.png"), FullPage = true,
        });

        // Adyen's REFUND webhook arrives asynchronously; the page shows the outcome once reloaded.
        await Eventually.ReachesAsync(async () =>
        {
            await page.ReloadAsync();
            return (await order.ModificationStatus($"{number}-R1").InnerTextAsync()).Trim();
        }, status => status != "requested", $"settled by Adyen's REFUND webhook for {number}-R1");
        await Expect(order.ModificationStatus($"{number}-R1")).ToHaveTextAsync("refunded");
    });

    [Fact]
    public Task A_merchandiser_exports_the_filtered_order_list_as_csv() => JourneyAsync(async page =>
    {
        var first = await Sandbox.PaidKakaoPayOrderAsync(quantity: 1);
        var second = await Sandbox.PaidKakaoPayOrderAsync(quantity: 1);
        await LogInAsMerchandiserAsync(page);
        var orders = await AdminOrdersPage.OpenAsync(page);

        await orders.FilterAsync(status: "Paid", paymentMethod: "kakaopay");
        await Expect(orders.Rows.Filter(new() { HasText = first })).ToHaveCountAsync(1);
        var shown = await orders.Rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.order)");
        var download = await page.RunAndWaitForDownloadAsync(() => orders.ExportLink.ClickAsync());

        Assert.Matches(CsvFileName(), download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Order,Placed (UTC),Status,Payment status,Payment method", lines[0]);
        var exported = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Contains(first, exported);
        Assert.Contains(second, exported);
        Assert.Equal(shown.Take(exported.Count), exported.Take(shown.Length));
        Assert.All(lines.Skip(1), line => Assert.Contains(",Paid,Authorised,kakaopay,KR,KRW,", line));
    });

    [Fact]
    public Task The_dashboard_shows_todays_figures_the_chart_and_what_needs_attention() => JourneyAsync(async page =>
    {
        await Sandbox.PaidKakaoPayOrderAsync(quantity: 1);
        await LogInAsMerchandiserAsync(page);

        var dashboard = new AdminDashboardPage(page);
        await Expect(dashboard.Heading).ToHaveTextAsync("Merchandiser dashboard");
        await Expect(page.GetByTestId("figures-today").Locator("tr[data-currency=KRW]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Orders placed per day, last 14 days" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs attention" })).ToBeVisibleAsync();
    });


    [GeneratedRegex(@"^orders-\d{8}-\d{6}\.csv$")]
    private static partial Regex CsvFileName();
}
