using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Orders;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Admin;

/// <summary>The merchandiser's way through the admin pages, and the orders they work on.</summary>
public static class AdminSteps
{
    /// <summary>A browser signed in as the configured merchandiser.</summary>
    public static async Task<Browser> MerchandiserAsync(this StorefrontFactory app)
    {
        var browser = app.CreateBrowser();
        var response = await browser.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>A shopper in Korea buys <paramref name="quantity"/> of a product and approves at the sandbox's KakaoPay; the order's number.</summary>
    public static async Task<string> PaidKakaoPayOrderAsync(this SandboxFactory app, int quantity = 2, string? slug = null)
    {
        using var shopper = app.CreateBrowser();
        await shopper.ChooseCountryAsync("KR");
        await shopper.AddToCartAsync(slug ?? await app.StockedProductAsync(), quantity);
        var back = await shopper.PayWithKakaoPayAsync();
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        var number = NumberFrom(back.Headers.Location!);
        Assert.Equal(OrderStatus.Paid, await app.WithDbAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync()));
        return number;
    }

    /// <summary>A shopper checks out and is sent to KakaoPay, but never decides: the order waits for its payment, holding stock.</summary>
    public static async Task<string> UnpaidKakaoPayOrderAsync(this SandboxFactory app, string slug, int quantity = 1)
    {
        using var shopper = app.CreateBrowser();
        await shopper.ChooseCountryAsync("KR");
        await shopper.AddToCartAsync(slug, quantity);
        var toKakaoPay = await shopper.SubmitCheckoutAsync();
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        return await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).Select(o => o.Number).FirstAsync());
    }

    /// <summary>Opens the order's admin page and submits one of its forms with the confirmation ticked (unless told otherwise).</summary>
    public static async Task<HttpResponseMessage> ActAsync(this Browser browser, string number, string form,
        IDictionary<string, string>? fields = null, bool confirm = true)
    {
        var page = await browser.GetAsync($"/admin/orders/{number}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await browser.SubmitAsync(page, form, WithConfirmation(page, form, fields, confirm));
    }

    /// <summary>The form's fields, with its "I confirm" box ticked or not.</summary>
    public static Dictionary<string, string> WithConfirmation(Browser.Page page, string form, IDictionary<string, string>? fields, bool confirm)
    {
        var merged = new Dictionary<string, string>(fields ?? new Dictionary<string, string>());
        var checkbox = page.Document.QuerySelector($"{form} input[type=checkbox][name$='.Confirm']")
            ?? throw new InvalidOperationException($"No confirmation box in {form}.");
        merged[checkbox.GetAttribute("name")!] = confirm ? "true" : "false";
        return merged;
    }

    public static Task<Order> LoadOrderAsync(this StorefrontFactory app, string number) =>
        app.WithDbAsync(db => db.Orders.AsNoTracking().AsSplitQuery()
            .Include(o => o.Lines).Include(o => o.Attempts).Include(o => o.Modifications).Include(o => o.Events)
            .SingleAsync(o => o.Number == number));

    public static Task<int> StockOfAsync(this StorefrontFactory app, string slug) =>
        app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync());

    /// <summary>
    /// What Adyen's webhook would do to a modification, applied straight to the order (until the webhook worker lands,
    /// this is the only way to settle one).
    /// </summary>
    public static Task SettleModificationAsync(this StorefrontFactory app, string reference, bool success, string? reason = null)
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return app.WithDbAsync(async db =>
        {
            var order = await db.Orders.AsSplitQuery().Include(o => o.Attempts).Include(o => o.Modifications).Include(o => o.Lines)
                .SingleAsync(o => o.Modifications.Any(m => m.Reference == reference));
            var modification = order.Modifications.Single(m => m.Reference == reference);
            var eventCode = success ? "REFUND" : "REFUND_FAILED";
            order.ApplyModificationResult(modification, success, modification.PspReference, reason, now, OrderEventSource.Webhook,
                $$"""{"eventCode":"{{eventCode}}","pspReference":"{{modification.PspReference}}","merchantReference":"{{reference}}","success":"{{success.ToString().ToLowerInvariant()}}"}""");
            await db.SaveChangesAsync();
        });
    }

    public static string NumberFrom(Uri orderLocation) => orderLocation.OriginalString.Split('?')[0].Split('/')[^1];
}

/// <summary>Orders written straight to the database, for the list, the export and the dashboard.</summary>
public sealed class SeededOrder
{
    private static int _sequence;

    public string Number { get; init; } = NextNumber();

    public DateTime CreatedAt { get; init; } = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Long, so the app's expiry worker (every minute) never expires an unpaid seeded order in the middle of a test:
    /// these orders are fixtures for the pages, not work for the app.
    /// </summary>
    public TimeSpan PaymentWindow { get; init; } = TimeSpan.FromDays(100 * 365);

    public string Country { get; init; } = "KR";

    public string Name { get; init; } = "Kim Minji";

    public string Email { get; init; } = "minji@example.kr";

    public string Phone { get; init; } = "+82 10 1234 5678";

    public long UnitPrice { get; init; } = 15_000;

    public int Quantity { get; init; } = 1;

    public string? PaymentMethod { get; init; } = "kakaopay";

    /// <summary>Paid, Fulfilled, PaymentFailed or AwaitingPayment (no payment decided).</summary>
    public OrderStatus Status { get; init; } = OrderStatus.Paid;

    public TimeSpan PaidAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Order numbers in Crockford's alphabet, unique per test run.</summary>
    public static string NextNumber()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var value = Interlocked.Increment(ref _sequence) + Random.Shared.Next(1 << 20) * 4096L;
        var chars = new char[8];
        for (var i = 7; i >= 0; i--, value /= 32)
            chars[i] = alphabet[(int)(value % 32)];
        return "SF-" + new string(chars);
    }

    public Order Build()
    {
        var market = Market.Find(Country)!;
        var order = Order.Place(Number, null, new ContactDetails(Email, Name, Phone),
            new ShippingAddress("1 Test Street", null, "Testville", "04524", Country), market,
            [new OrderLine(1, "test-product", "Test product", "/images/products/test.svg", UnitPrice, Quantity, market.VatBasisPoints)],
            CreatedAt, PaymentWindow);
        if (PaymentMethod is null)
            return order;
        var attempt = order.StartAttempt(PaymentMethod, Guid.NewGuid().ToString("N"), CreatedAt);
        var decidedAt = CreatedAt + PaidAfter;
        switch (Status)
        {
            case OrderStatus.Paid or OrderStatus.Fulfilled:
                order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Authorised, "PSP" + Number[3..] + "00000",
                    new Money(order.TotalAmount, order.Currency)), decidedAt, OrderEventSource.Return);
                if (Status == OrderStatus.Fulfilled)
                    order.MarkFulfilled("CJ Logistics", "1234", "seed", decidedAt);
                break;
            case OrderStatus.PaymentFailed:
                order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Refused, RefusalReason: "Refused"), decidedAt, OrderEventSource.Return);
                break;
        }
        return order;
    }
}

public static class SeededOrders
{
    public static Task<IReadOnlyList<string>> SeedAsync(this StorefrontFactory app, params SeededOrder[] orders) =>
        app.WithDbAsync<IReadOnlyList<string>>(async db =>
        {
            db.Orders.AddRange(orders.Select(o => o.Build()));
            await db.SaveChangesAsync();
            return orders.Select(o => o.Number).ToArray();
        });
}
