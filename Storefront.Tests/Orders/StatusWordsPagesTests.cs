using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Account;
using Storefront.Orders;
using Storefront.Shared;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Localization;

namespace Storefront.Tests.Orders;

/// <summary>
/// Pages that show an order's status, rendered for an order in each status and in each language, show words, never
/// the enum names the code stores (<c>AwaitingPayment</c>, <c>PartiallyRefunded</c> …).
/// </summary>
public sealed class StatusWordsPagesTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    /// <summary>Names of more than one word are never English a person writes; single words are, in English.</summary>
    private static readonly string[] CodeNames = Enum.GetNames<OrderStatus>().Concat(Enum.GetNames<PaymentStatus>())
        .Concat(Enum.GetNames<AttemptStatus>()).Where(n => Regex.IsMatch(n, "^[A-Z][a-z]+[A-Z]")).Distinct().ToArray();

    [Fact]
    public async Task A_shoppers_order_pages_and_order_list_show_status_words_in_both_languages()
    {
        using var english = app.CreateBrowser();
        var email = await english.RegisterNewShopperAsync();
        using var korean = app.CreateBrowser(acceptLanguage: "ko-KR");
        Assert.Equal(HttpStatusCode.Redirect, (await korean.LogInAsync(email)).StatusCode);
        var shopperId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var orders = await OrdersInEveryStatusAsync(shopperId);

        foreach (var (browser, isKorean) in new[] { (english, false), (korean, true) })
        {
            foreach (var number in orders)
                await AssertWordsAsync(browser, $"/orders/{number}", isKorean, koreanNamesToo: true);
            await AssertWordsAsync(browser, AccountPaths.Orders, isKorean, koreanNamesToo: true);
        }
    }

    [Fact]
    public async Task The_merchandisers_order_pages_show_status_words_in_both_languages()
    {
        var orders = await OrdersInEveryStatusAsync(shopperId: null);
        using var english = await app.MerchandiserAsync();
        using var korean = app.CreateBrowser(acceptLanguage: "ko-KR");
        Assert.Equal(HttpStatusCode.Redirect, (await korean.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword)).StatusCode);

        foreach (var (browser, isKorean) in new[] { (english, false), (korean, true) })
        {
            foreach (var number in orders)
                await AssertWordsAsync(browser, $"/admin/orders/{number}", isKorean, koreanNamesToo: false);
            await AssertWordsAsync(browser, "/admin/orders", isKorean, koreanNamesToo: false);
        }
    }

    /// <summary>
    /// The page's visible text has none of <see cref="CodeNames"/>; in Korean, on the shopper's pages (whose text is
    /// all translated), no status name at all. The merchandiser's timeline quotes Adyen's English, so there only the
    /// code names count.
    /// </summary>
    private static async Task AssertWordsAsync(Browser browser, string path, bool isKorean, bool koreanNamesToo)
    {
        var page = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(isKorean ? "ko-KR" : "en", page.Document.DocumentElement.GetAttribute("lang"));
        var text = string.Join(" ", StrayEnglishTests.VisibleText(page.Document));
        var forbidden = isKorean && koreanNamesToo
            ? CodeNames.Concat(Enum.GetNames<OrderStatus>()).Concat(Enum.GetNames<PaymentStatus>()).Distinct()
            : CodeNames;
        var found = forbidden.Where(name => Regex.IsMatch(text, $@"\b{name}\b")).ToList();
        Assert.True(found.Count == 0, $"{path} ({page.Document.DocumentElement.GetAttribute("lang")}) shows {string.Join(", ", found)}");
    }

    /// <summary>One order per state a shopper can meet, each moved there by the order's own methods.</summary>
    private async Task<List<string>> OrdersInEveryStatusAsync(string? shopperId)
    {
        var now = DateTime.UtcNow;
        var tea = await app.WithDbAsync(db => db.Products.OrderBy(p => p.Id).Select(p => new { p.Id, p.Slug }).FirstAsync());
        var prefix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var orders = new List<Order>();
        Order New(int i, DateTime? placed = null) => Order.Place($"SF-{prefix}{i:D2}", shopperId,
            new ContactDetails("buyer@example.kr", "Kim Minji", "+82 10 1234 5678"),
            new ShippingAddress("12 Sejong-daero", null, "Seoul", "04524", "KR"), Market.Find("KR")!,
            [new OrderLine(tea.Id, tea.Slug, "Jeju green tea", $"/images/products/{tea.Slug}.svg", 15_000, 1, 1000)],
            placed ?? now, TimeSpan.FromMinutes(90));
        void Pay(Order order, AttemptStatus status)
        {
            var attempt = order.StartAttempt("kakaopay", Guid.NewGuid().ToString("N"), now);
            order.ApplyPaymentResult(attempt, new PaymentResult(status, "PSP" + Guid.NewGuid().ToString("N")[..13], new Money(15_000, "KRW")),
                now, OrderEventSource.Return);
        }

        var awaiting = New(1);
        awaiting.StartAttempt("kakaopay", Guid.NewGuid().ToString("N"), now);
        var confirming = New(2);
        Pay(confirming, AttemptStatus.Pending);
        var paid = New(3);
        Pay(paid, AttemptStatus.Authorised);
        var failed = New(4);
        Pay(failed, AttemptStatus.Refused);
        var expired = New(5, now.AddHours(-3));
        Assert.True(expired.Expire(now));
        var cancelled = New(6);
        Assert.Null(cancelled.Cancel("Out of stock", StorefrontFactory.MerchandiserEmail, now));
        var shipped = New(7);
        Pay(shipped, AttemptStatus.Authorised);
        shipped.MarkFulfilled("CJ Logistics", "1234567890", StorefrontFactory.MerchandiserEmail, now);
        var notStarted = New(8);
        orders.AddRange([awaiting, confirming, paid, failed, expired, cancelled, shipped, notStarted]);

        Assert.Equal(Enum.GetValues<OrderStatus>().Order(), orders.Select(o => o.Status).Distinct().Order());
        await app.WithDbAsync(async db =>
        {
            db.Orders.AddRange(orders);
            await db.SaveChangesAsync();
        });
        return orders.Select(o => o.Number).ToList();
    }
}
