using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Account;
using Storefront.Orders;
using Storefront.Payments.Sandbox;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Account;

/// <summary>How the token webhook told us about the token (the receiver is another issue's; these tests store what it stores).</summary>
public enum TokenWebhookShape
{
    /// <summary>Standard webhook: pspReference is the token, originalReference the payment that created it.</summary>
    RecurringContract,

    /// <summary>Tokenization webhook <c>recurring.token.created</c>: the token and shopperReference, no first payment.</summary>
    TokenCreated,
}

/// <summary>A registered shopper who has saved KakaoPay at the sandbox.</summary>
public sealed record SavedShopper(string Email, string UserId, string ShopperReference, SandboxToken Token, string FirstOrderNumber);

public static class SavedKakaoPaySteps
{
    /// <summary>
    /// Registers a shopper in Korea and buys with KakaoPay, ticking "Save KakaoPay" and consenting at the sandbox's
    /// KakaoPay page: the sandbox then holds the shopper's token, as Adyen would.
    /// </summary>
    public static async Task<SavedShopper> RegisterAndSaveKakaoPayAsync(this Browser browser, SandboxFactory app, string slug)
    {
        var email = await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(slug);
        var toKakaoPay = await browser.SubmitCheckoutAsync(new Dictionary<string, string> { ["Form.SavePaymentMethod"] = "true" });
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var back = await browser.DecideAtKakaoPayAsync(toKakaoPay.Headers.Location!, "approve", new Dictionary<string, string> { ["consent"] = "true" });
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.StartsWith("/orders/SF-", back.Headers.Location!.OriginalString);

        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        var order = await app.LatestOrderOfAsync(user.Id);
        Assert.Equal(OrderStatus.Paid, order.Status);
        var token = Assert.Single(app.Sandbox.TokensOf(user.ShopperReference));
        return new SavedShopper(email, user.Id, user.ShopperReference, token, order.Number);
    }

    /// <summary>Stores the shopper's token exactly as the webhook receiver does, from either webhook shape; returns our row id.</summary>
    public static Task<int> StoreTokenAsWebhookWouldAsync(this StorefrontFactory app, SavedShopper shopper,
        TokenWebhookShape shape = TokenWebhookShape.RecurringContract) =>
        app.WithDbAsync(async db =>
        {
            var method = new StoredPaymentMethod(shopper.UserId, shopper.ShopperReference, shopper.Token.Id, shopper.Token.Type, "KakaoPay",
                shape == TokenWebhookShape.RecurringContract ? shopper.Token.FirstPspReference : null,
                app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            db.StoredPaymentMethods.Add(method);
            await db.SaveChangesAsync();
            return method.Id;
        });

    public static Task<StoredPaymentMethod> SavedMethodAsync(this StorefrontFactory app, int id) =>
        app.WithDbAsync(db => db.StoredPaymentMethods.AsNoTracking().SingleAsync(m => m.Id == id));

    public static Task<Order> LatestOrderOfAsync(this StorefrontFactory app, string userId) =>
        app.WithDbAsync(db => db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Lines).Include(o => o.Attempts).Include(o => o.Events)
            .Where(o => o.ShopperId == userId).OrderByDescending(o => o.Id).FirstAsync());

    public static Task<Order> OrderAsync(this StorefrontFactory app, string number) =>
        app.WithDbAsync(db => db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Lines).Include(o => o.Attempts)
            .SingleAsync(o => o.Number == number));

    public static Task<int> StockOfAsync(this StorefrontFactory app, string slug) =>
        app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync());

    /// <summary>The /payments requests our client sent after <paramref name="skip"/> exchanges.</summary>
    public static IReadOnlyList<JsonElement> PaymentRequestsSince(this SandboxFactory app, int skip) =>
        app.Exchanges.Skip(skip)
            .Where(e => e.Method == HttpMethod.Post && e.OperationPath == "/payments")
            .Select(e => JsonDocument.Parse(e.RequestBody!).RootElement)
            .ToList();

    /// <summary>Opens the reorder page of <paramref name="orderNumber"/> from the order history, as a shopper would.</summary>
    public static async Task<Browser.Page> OpenReorderAsync(this Browser browser, string orderNumber)
    {
        var history = await browser.GetAsync(AccountPaths.Orders);
        Assert.Equal(HttpStatusCode.OK, history.Status);
        var link = history.Document.QuerySelector($"tr[data-order='{orderNumber}'] a[href$='/reorder']")
            ?? throw new InvalidOperationException($"No reorder link for {orderNumber} in the order history.");
        var page = await browser.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page;
    }

    /// <summary>Presses "Pay … with saved KakaoPay" on a reorder or payment page; <paramref name="fields"/> override the form.</summary>
    public static Task<HttpResponseMessage> PayWithSavedAsync(this Browser browser, Browser.Page page, IDictionary<string, string>? fields = null) =>
        browser.SubmitAgreeingAsync(page, "form[data-testid='pay-with-saved']", fields);

    /// <summary>
    /// Submits a payment form with the agreements ticked where it shows them (in Korea), as a shopper who reads them
    /// does; <paramref name="fields"/> override the form, an agreement "false" too.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAgreeingAsync(this Browser browser, Browser.Page page, string form,
        IDictionary<string, string>? fields = null)
    {
        var merged = new Dictionary<string, string>();
        foreach (var box in page.Document.QuerySelectorAll($"{form} [data-testid=agreements] input[type=checkbox]"))
            merged[box.GetAttribute("name")!] = "true";
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
            merged[name] = value;
        return browser.SubmitAsync(page, form, merged);
    }
}
