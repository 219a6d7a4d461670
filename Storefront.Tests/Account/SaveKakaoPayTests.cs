using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Account;
using Storefront.Orders;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Account;

/// <summary>Saving KakaoPay at checkout: explicit consent, for signed-in shoppers in Korea only, and what it sends to Adyen.</summary>
public sealed class SaveKakaoPayTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    private const string SaveCheckbox = "input[type=checkbox][name='Form.SavePaymentMethod']";

    [Fact]
    public async Task A_signed_in_shopper_in_Korea_is_offered_saving_unchecked_with_what_it_means()
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());

        var checkout = await browser.GetAsync("/checkout");

        var checkbox = Assert.IsAssignableFrom<IHtmlInputElement>(checkout.Document.QuerySelector($"#checkout-form {SaveCheckbox}"));
        Assert.False(checkbox.IsChecked);
        Assert.False(checkbox.HasAttribute("checked"));
        Assert.Equal("Save KakaoPay for faster checkout", checkout.Document.QuerySelector($"label[for='{checkbox.Id}']")?.TextContent.Trim());
        var hint = checkout.Document.GetElementById(checkbox.GetAttribute("aria-describedby")!)?.TextContent;
        Assert.Contains("KakaoPay asks you to agree", hint);
        Assert.Contains("remove it at any time", hint);
    }

    [Fact]
    public async Task Guests_and_shoppers_outside_Korea_are_not_offered_saving()
    {
        using var guest = app.CreateBrowser();
        await guest.ChooseCountryAsync("KR");
        await guest.AddToCartAsync(await app.StockedProductAsync(skip: 1));
        var guestCheckout = await guest.GetAsync("/checkout");
        Assert.NotNull(guestCheckout.Document.QuerySelector("input[type=radio][value=kakaopay]"));
        Assert.Null(guestCheckout.Document.QuerySelector(SaveCheckbox));
        Assert.DoesNotContain("Save KakaoPay", guestCheckout.Html);

        // A market that can pay (iDEAL), so that its checkout has a form to look at.
        using var dutch = app.CreateBrowser();
        await dutch.RegisterNewShopperAsync();
        await dutch.ChooseCountryAsync("NL");
        await dutch.AddToCartAsync(await app.StockedProductAsync("EUR", skip: 1));
        var nlCheckout = await dutch.GetAsync("/checkout");
        Assert.NotNull(nlCheckout.Document.QuerySelector("#checkout-form"));
        Assert.Null(nlCheckout.Document.QuerySelector(SaveCheckbox));
        Assert.DoesNotContain("Save KakaoPay", nlCheckout.Html);
    }

    [Fact]
    public async Task Ticking_save_asks_adyen_to_store_kakaopay_for_the_shoppers_own_reference()
    {
        using var browser = app.CreateBrowser();
        var exchangesBefore = app.Exchanges.Count;

        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 2));

        var request = Assert.Single(app.PaymentRequestsSince(exchangesBefore));
        Assert.True(request.GetProperty("storePaymentMethod").GetBoolean());
        Assert.Equal(saved.ShopperReference, request.GetProperty("shopperReference").GetString());
        Assert.Equal("Ecommerce", request.GetProperty("shopperInteraction").GetString());
        Assert.Equal("UnscheduledCardOnFile", request.GetProperty("recurringProcessingModel").GetString());
        Assert.Equal("kakaopay", request.GetProperty("paymentMethod").GetProperty("type").GetString());
        Assert.False(request.GetProperty("paymentMethod").TryGetProperty("storedPaymentMethodId", out _));
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.Skip(exchangesBefore));
        Assert.Equal(saved.ShopperReference, saved.Token.ShopperReference);
        var order = await app.OrderAsync(saved.FirstOrderNumber);
        var attempt = Assert.Single(order.Attempts);
        Assert.True(attempt.StorePaymentMethod);
        Assert.Equal(saved.Token.FirstPspReference, attempt.PspReference);
    }

    [Fact]
    public async Task Without_the_tick_nothing_is_stored()
    {
        using var browser = app.CreateBrowser();
        var email = await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 3));
        var exchangesBefore = app.Exchanges.Count;

        var back = await browser.PayWithKakaoPayAsync("approve");

        Assert.StartsWith("/orders/SF-", back.Headers.Location!.OriginalString);
        var request = Assert.Single(app.PaymentRequestsSince(exchangesBefore));
        var reference = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.ShopperReference).SingleAsync());
        Assert.Equal(reference, request.GetProperty("shopperReference").GetString());
        foreach (var field in new[] { "storePaymentMethod", "recurringProcessingModel", "shopperInteraction" })
            Assert.False(request.TryGetProperty(field, out _), $"{field} was sent without the shopper's consent.");
        Assert.Empty(app.Sandbox.TokensOf(reference));
    }

    [Fact]
    public async Task A_guest_posting_the_save_field_is_ignored()
    {
        using var guest = app.CreateBrowser();
        await guest.ChooseCountryAsync("KR");
        await guest.AddToCartAsync(await app.StockedProductAsync(skip: 4));
        var exchangesBefore = app.Exchanges.Count;

        var toKakaoPay = await guest.SubmitCheckoutAsync(new Dictionary<string, string> { ["Form.SavePaymentMethod"] = "true" });

        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var request = Assert.Single(app.PaymentRequestsSince(exchangesBefore));
        foreach (var field in new[] { "storePaymentMethod", "shopperReference", "recurringProcessingModel", "shopperInteraction" })
            Assert.False(request.TryGetProperty(field, out _), $"A guest's payment carried {field}.");
        var approval = await guest.GetAsync(toKakaoPay.Headers.Location!.ToString());
        Assert.Null(approval.Document.QuerySelector("#consent"));
        var order = await app.WithDbAsync(db => db.Orders.Include(o => o.Attempts).OrderByDescending(o => o.Id).FirstAsync());
        Assert.False(Assert.Single(order.Attempts).StorePaymentMethod);
    }

    [Fact]
    public async Task Until_the_token_arrives_the_account_page_says_kakaopay_is_being_saved()
    {
        using var browser = app.CreateBrowser();
        var email = await browser.RegisterNewShopperAsync();
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // Paid with "Save KakaoPay" ticked; Adyen has not created (nor told us about) a token yet.
        await ArrangePaidOrderAsync(userId, storePaymentMethod: true, "PSPSAVING0000001", paidAt: now.AddMinutes(-3));
        // Older than the window: whatever happened to that one, it is no longer announced.
        await ArrangePaidOrderAsync(userId, storePaymentMethod: true, "PSPSAVING0000002", paidAt: now - SavedPaymentMethods.SavingWindow - TimeSpan.FromHours(1));
        await ArrangePaidOrderAsync(userId, storePaymentMethod: false, "PSPSAVING0000003", paidAt: now.AddMinutes(-2));

        var page = await browser.GetAsync(AccountPaths.PaymentMethods);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var saving = Assert.Single(page.Document.QuerySelectorAll("[data-testid=being-saved]"));
        Assert.Contains("KakaoPay is being saved", saving.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=saved-method]"));
        Assert.Null(page.Document.QuerySelector("[data-testid=no-saved-methods]"));
        // It shows the token as soon as the webhook brings it.
        Assert.NotNull(page.Document.QuerySelector("meta[http-equiv=refresh]"));
    }

    [Theory]
    [InlineData(TokenWebhookShape.RecurringContract)]
    [InlineData(TokenWebhookShape.TokenCreated)]
    public async Task A_token_stored_from_either_webhook_shape_is_listed_offered_first_and_pays_in_one_step(TokenWebhookShape shape)
    {
        using var browser = app.CreateBrowser();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: shape == TokenWebhookShape.RecurringContract ? 5 : 6));
        var rowId = await app.StoreTokenAsWebhookWouldAsync(saved, shape);

        var list = await browser.GetAsync(AccountPaths.PaymentMethods);
        var row = Assert.Single(list.Document.QuerySelectorAll("[data-testid=saved-method]"));
        Assert.Equal("KakaoPay", row.QuerySelector(".saved-method-name")?.TextContent.Trim());
        var added = (await app.SavedMethodAsync(rowId)).CreatedAt;
        var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
        Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(added, seoul).ToString("MMMM d, yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")),
            row.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Contains("Not used yet", row.TextContent);
        Assert.Equal(rowId.ToString(), row.QuerySelector("form input[name=id]")?.GetAttribute("value"));
        Assert.Empty(list.Document.QuerySelectorAll("[data-testid=being-saved]"));
        Assert.Equal(1, await app.WithDbAsync(db => db.StoredPaymentMethods.CountAsync(m => m.ShopperId == saved.UserId)));

        var slug = await app.StockedProductAsync(skip: 7);
        var stockBefore = await app.StockOfAsync(slug);
        await browser.AddToCartAsync(slug);
        var checkout = await browser.GetAsync("/checkout");
        var first = checkout.Document.QuerySelectorAll("#checkout-form input[type=radio][name='Form.PaymentMethod']").OfType<IHtmlInputElement>().First();
        Assert.Equal($"saved:{rowId}", first.Value);
        Assert.True(first.IsChecked);
        Assert.Contains("Saved KakaoPay", checkout.Document.QuerySelector($"label[for='{first.Id}']")?.TextContent);
        var exchangesBefore = app.Exchanges.Count;

        var paid = await browser.SubmitAsync(checkout, "#checkout-form", new Dictionary<string, string>(CheckoutSteps.KoreanAddress));

        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.StartsWith("/orders/SF-", paid.Headers.Location!.OriginalString);
        var order = await app.LatestOrderOfAsync(saved.UserId);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(stockBefore - 1, await app.StockOfAsync(slug));
        var attempt = Assert.Single(order.Attempts);
        Assert.Equal(saved.Token.Id, attempt.StoredPaymentMethodId);
        AssertTokenPayment(Assert.Single(app.PaymentRequestsSince(exchangesBefore)), saved, "UnscheduledCardOnFile");
        Assert.Equal(attempt.IdempotencyKey, app.Exchanges.Skip(exchangesBefore).Single(e => e.OperationPath == "/payments").IdempotencyKey);
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.Skip(exchangesBefore));
        Assert.NotNull((await app.SavedMethodAsync(rowId)).LastUsedAt);
        Assert.Contains("Your cart is empty", (await browser.GetAsync("/cart")).Html);
    }

    /// <summary>The "done when" of the issue: every /payments call with a token carries all of these.</summary>
    internal static void AssertTokenPayment(System.Text.Json.JsonElement request, SavedShopper saved, string recurringProcessingModel)
    {
        Assert.Equal("kakaopay", request.GetProperty("paymentMethod").GetProperty("type").GetString());
        Assert.Equal(saved.Token.Id, request.GetProperty("paymentMethod").GetProperty("storedPaymentMethodId").GetString());
        Assert.Equal(saved.Token.ShopperReference, request.GetProperty("shopperReference").GetString());
        Assert.Equal("ContAuth", request.GetProperty("shopperInteraction").GetString());
        Assert.Equal(recurringProcessingModel, request.GetProperty("recurringProcessingModel").GetString());
        Assert.False(request.TryGetProperty("storePaymentMethod", out _));
        Assert.False(string.IsNullOrEmpty(request.GetProperty("returnUrl").GetString()));
    }

    private Task ArrangePaidOrderAsync(string userId, bool storePaymentMethod, string pspReference, DateTime paidAt) =>
        app.WithDbAsync(async db =>
        {
            var product = await db.Products.Include(p => p.Prices).FirstAsync(p => p.Prices.Any(x => x.Currency == "KRW"));
            var price = product.PriceIn("KRW")!.Value;
            var order = Order.Place(OrderNumbers.Next(), userId, new ContactDetails("minji@example.kr", "Kim Minji", "+82 10 1234 5678"),
                new ShippingAddress("12 Sejong-daero", null, "Seoul", "04524", "KR"), Market.Find("KR")!,
                [new OrderLine(product.Id, product.Slug, product.Name, product.ImagePath, price.MinorUnits, 1, 1000)], paidAt.AddMinutes(-1), TimeSpan.FromMinutes(90));
            var attempt = order.StartAttempt("kakaopay", SubmitKey(), paidAt.AddMinutes(-1), storePaymentMethod);
            order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Authorised, pspReference, price), paidAt, OrderEventSource.Return);
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        });

    private static string SubmitKey() => Guid.NewGuid().ToString("N");
}
