using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Storefront.Tests.Infrastructure;

/// <summary>A shopper's way through country, cart, checkout and the KakaoPay sandbox, through the real forms.</summary>
public static class CheckoutSteps
{
    public static readonly IReadOnlyDictionary<string, string> KoreanAddress = new Dictionary<string, string>
    {
        ["Form.Email"] = "minji@example.kr",
        ["Form.Name"] = "Kim Minji",
        ["Form.Phone"] = "+82 10 1234 5678",
        ["Form.AddressLine1"] = "12 Sejong-daero, Jung-gu",
        ["Form.City"] = "Seoul",
        ["Form.PostalCode"] = "04524",
        // The two agreements a Korean checkout requires (구매조건 확인 및 결제진행, 개인정보 수집·이용), ticked.
        ["Form.AgreeToTerms"] = "true",
        ["Form.AgreeToPrivacy"] = "true",
    };

    public static async Task ChooseCountryAsync(this Browser browser, string country)
    {
        var page = await browser.GetAsync("/");
        var response = await browser.SubmitAsync(page, "form.country-picker", new Dictionary<string, string> { ["country"] = country });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task AddToCartAsync(this Browser browser, string slug, int quantity = 1)
    {
        var page = await browser.GetAsync($"/products/{slug}");
        var response = await browser.SubmitAsync(page, "form.product-purchase", new Dictionary<string, string> { ["quantity"] = quantity.ToString() });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    /// <summary>Submits the checkout form with a Korean address; <paramref name="fields"/> override or add fields.</summary>
    public static async Task<HttpResponseMessage> SubmitCheckoutAsync(this Browser browser, IDictionary<string, string>? fields = null)
    {
        var page = await browser.GetAsync("/checkout");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await browser.SubmitAsync(page, "#checkout-form", Merge(fields));
    }

    /// <summary>
    /// Posts a Korean checkout paying with KakaoPay when <paramref name="page"/> shows no checkout form, as a stale tab
    /// or a hand-made request would: the antiforgery token comes from the page's header forms, the submit key is new.
    /// </summary>
    public static Task<HttpResponseMessage> PostCheckoutWithoutFormAsync(this Browser browser, Browser.Page page,
        IDictionary<string, string>? fields = null)
    {
        var values = Merge(fields);
        values["__RequestVerificationToken"] = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        values.TryAdd("Form.SubmitKey", Guid.NewGuid().ToString("N"));
        values.TryAdd("Form.PaymentMethod", "kakaopay");
        return browser.Client.PostAsync("/checkout", new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// At the sandbox's KakaoPay page: presses approve, decline or cancel, and returns the store's answer to the
    /// shopper coming back (the 303 from /checkout/return).
    /// </summary>
    public static async Task<HttpResponseMessage> DecideAtKakaoPayAsync(this Browser browser, Uri approvalPage, string decision,
        IDictionary<string, string>? fields = null)
    {
        var page = await browser.GetAsync(approvalPage.ToString());
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var back = await browser.SubmitAsync(page, $"#{decision}-form", fields);
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        return await browser.Client.GetAsync(back.Headers.Location);
    }

    /// <summary>Checkout, then the decision at KakaoPay; returns where the store finally sends the shopper.</summary>
    public static async Task<HttpResponseMessage> PayWithKakaoPayAsync(this Browser browser, string decision = "approve")
    {
        var toKakaoPay = await browser.SubmitCheckoutAsync();
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        return await browser.DecideAtKakaoPayAsync(toKakaoPay.Headers.Location!, decision);
    }

    /// <summary>A published product with plenty of stock and a price in <paramref name="currency"/>.</summary>
    public static Task<string> StockedProductAsync(this StorefrontFactory app, string currency = "KRW", int skip = 0) =>
        app.WithDbAsync(db => db.Products
            .Where(p => p.IsPublished && p.Stock >= 20 && p.Prices.Any(price => price.Currency == currency))
            .OrderBy(p => p.Id).Skip(skip).Select(p => p.Slug).FirstAsync());

    private static Dictionary<string, string> Merge(IDictionary<string, string>? fields)
    {
        var merged = new Dictionary<string, string>(KoreanAddress);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
            merged[name] = value;
        return merged;
    }
}
