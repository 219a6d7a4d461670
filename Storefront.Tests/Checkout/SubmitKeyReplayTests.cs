using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Account;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Checkout;

/// <summary>
/// A checkout form's one-time submit key replays its first submit for the shopper or cart that made it, and for no
/// one else: a leaked key neither sends another shopper to that payment nor shows them the order.
/// </summary>
public sealed class SubmitKeyReplayTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task A_guests_leaked_submit_key_shows_another_cart_nothing_while_the_guest_still_lands_on_their_payment()
    {
        using var owner = await WithCartAsync(signedIn: false, skip: 1);
        var ownerForm = await owner.GetAsync("/checkout");
        var leakedKey = SubmitKeyOf(ownerForm);
        var toKakaoPay = await owner.SubmitAsync(ownerForm, "#checkout-form", CheckoutSteps.KoreanAddress.ToDictionary());
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var ownerOrder = await LatestOrderNumberAsync();

        using var guest = await WithCartAsync(signedIn: false, skip: 2);
        using var shopper = await WithCartAsync(signedIn: true, skip: 2);
        await AssertRefusedAsync([guest, shopper], leakedKey, ownerOrder, toKakaoPay.Headers.Location!);

        var again = await owner.SubmitAsync(ownerForm, "#checkout-form", CheckoutSteps.KoreanAddress.ToDictionary());
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(toKakaoPay.Headers.Location, again.Headers.Location);
    }

    [Fact]
    public async Task A_shoppers_leaked_submit_key_shows_a_guest_or_another_shopper_nothing_while_the_shopper_lands_on_their_paid_order()
    {
        using var owner = await WithCartAsync(signedIn: true, skip: 3);
        var ownerForm = await owner.GetAsync("/checkout");
        var leakedKey = SubmitKeyOf(ownerForm);
        var toKakaoPay = await owner.SubmitAsync(ownerForm, "#checkout-form", CheckoutSteps.KoreanAddress.ToDictionary());
        var paid = await owner.DecideAtKakaoPayAsync(toKakaoPay.Headers.Location!, "approve");
        Assert.StartsWith("/orders/SF-", paid.Headers.Location!.OriginalString);
        var ownerOrder = await LatestOrderNumberAsync();

        using var guest = await WithCartAsync(signedIn: false, skip: 4);
        using var shopper = await WithCartAsync(signedIn: true, skip: 4);
        await AssertRefusedAsync([guest, shopper], leakedKey, ownerOrder, toKakaoPay.Headers.Location!);

        // The back button and the same form again, after paying: the shopper's own order, not a second payment.
        var again = await owner.SubmitAsync(ownerForm, "#checkout-form", CheckoutSteps.KoreanAddress.ToDictionary());
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.StartsWith($"/orders/{ownerOrder}?key=", again.Headers.Location!.OriginalString);
    }

    /// <summary>Each intruder posts its own checkout form with the leaked key: shown its form again, and nothing else happens.</summary>
    private async Task AssertRefusedAsync(IEnumerable<Browser> intruders, string leakedKey, string ownerOrder, Uri ownerPayment)
    {
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());
        var exchangesBefore = app.Exchanges.Count;
        foreach (var intruder in intruders)
        {
            var response = await intruder.SubmitCheckoutAsync(new Dictionary<string, string> { ["Form.SubmitKey"] = leakedKey });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Browser.Page.LoadAsync(response);
            Assert.DoesNotContain(ownerOrder, page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(ownerPayment.AbsolutePath, page.Html, StringComparison.Ordinal);
            Assert.Contains("already been used", page.Document.QuerySelector(".validation-summary-errors")?.TextContent);
            Assert.NotEqual(leakedKey, SubmitKeyOf(page));
        }
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Empty(app.PaymentRequestsSince(exchangesBefore));
    }

    /// <summary>A guest, or a newly registered shopper, in Korea with one product in the cart.</summary>
    private async Task<Browser> WithCartAsync(bool signedIn, int skip)
    {
        var browser = app.CreateBrowser();
        if (signedIn)
            await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: skip));
        return browser;
    }

    private static string SubmitKeyOf(Browser.Page page) =>
        page.Document.QuerySelector("#checkout-form input[name='Form.SubmitKey']")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The checkout form has no submit key.");

    private Task<string> LatestOrderNumberAsync() =>
        app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).Select(o => o.Number).FirstAsync());
}
