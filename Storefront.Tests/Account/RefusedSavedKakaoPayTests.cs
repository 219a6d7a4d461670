using System.Net;
using AngleSharp.Html.Dom;
using Storefront.Account;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Account;

/// <summary>KakaoPay refuses every payment with a saved token (<c>Adyen:Sandbox:RefuseTokenPayments</c>).</summary>
public sealed class RefusedSavedKakaoPayTests(RefusingSandboxFactory app) : IClassFixture<RefusingSandboxFactory>
{
    [Fact]
    public async Task A_refused_reorder_marks_the_token_failing_and_the_same_order_is_paid_by_redirect()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 1);
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, slug);
        var rowId = await app.StoreTokenAsWebhookWouldAsync(saved);
        var stockBefore = await app.StockOfAsync(slug);
        var reorder = await browser.OpenReorderAsync(saved.FirstOrderNumber);
        var exchangesBefore = app.Exchanges.Count;

        var refused = await browser.PayWithSavedAsync(reorder);

        var order = await app.LatestOrderOfAsync(saved.UserId);
        Assert.NotEqual(saved.FirstOrderNumber, order.Number);
        Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
        Assert.Equal(OrderPaths.PayAgain(order.Number, AttemptStatus.Refused), refused.Headers.Location!.OriginalString);
        SaveKakaoPayTests.AssertTokenPayment(Assert.Single(app.PaymentRequestsSince(exchangesBefore)), saved, "UnscheduledCardOnFile");
        // Nothing half paid: the attempt failed, the order waits for another try, its stock is back on the shelf.
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Equal(AttemptStatus.Refused, Assert.Single(order.Attempts).Status);
        Assert.False(order.HoldsStock);
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));
        var method = await app.SavedMethodAsync(rowId);
        Assert.Equal(StoredPaymentMethodStatus.Failing, method.Status);
        Assert.Null(method.LastUsedAt);

        var payPage = await browser.GetAsync(refused.Headers.Location!.OriginalString);
        Assert.Contains("refused", payPage.Document.QuerySelector("[role=alert]")?.TextContent);
        Assert.Null(payPage.Document.QuerySelector("form[data-testid=pay-with-saved]"));
        Assert.Contains($"Pay {order.Total} with KakaoPay", payPage.Document.QuerySelector("form[data-testid=pay-with-kakaopay] button")?.TextContent);
        var list = await browser.GetAsync(AccountPaths.PaymentMethods);
        Assert.Equal("Failing", list.Document.QuerySelector("[data-testid=saved-method]")?.GetAttribute("data-status"));

        var toKakaoPay = await browser.SubmitAsync(payPage, "form[data-testid=pay-with-kakaopay]");
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var back = await browser.DecideAtKakaoPayAsync(toKakaoPay.Headers.Location!, "approve");

        Assert.StartsWith($"/orders/{order.Number}", back.Headers.Location!.OriginalString);
        var paid = await app.OrderAsync(order.Number);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal([AttemptStatus.Refused, AttemptStatus.Authorised], paid.Attempts.OrderBy(a => a.Number).Select(a => a.Status));
        Assert.Null(paid.Attempts.Single(a => a.Number == 2).StoredPaymentMethodId);
        Assert.Equal(stockBefore - 1, await app.StockOfAsync(slug));
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.Skip(exchangesBefore));
    }

    [Fact]
    public async Task A_failed_redirect_for_a_reorder_comes_back_to_its_payment_page()
    {
        using var browser = app.CreateBrowser();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 2));
        await app.StoreTokenAsWebhookWouldAsync(saved);
        var refused = await browser.PayWithSavedAsync(await browser.OpenReorderAsync(saved.FirstOrderNumber));
        var payPage = await browser.GetAsync(refused.Headers.Location!.OriginalString);
        var toKakaoPay = await browser.SubmitAsync(payPage, "form[data-testid=pay-with-kakaopay]");

        var back = await browser.DecideAtKakaoPayAsync(toKakaoPay.Headers.Location!, "cancel");

        var order = await app.LatestOrderOfAsync(saved.UserId);
        Assert.Equal(OrderPaths.PayAgain(order.Number, AttemptStatus.Cancelled), back.Headers.Location!.OriginalString);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        var again = await browser.GetAsync(back.Headers.Location!.OriginalString);
        Assert.Contains("You cancelled", again.Document.QuerySelector("[role=alert]")?.TextContent);
        Assert.NotNull(again.Document.QuerySelector("form[data-testid=pay-with-kakaopay]"));
    }

    [Fact]
    public async Task A_refused_saved_kakaopay_at_checkout_keeps_the_cart_and_the_same_order_is_paid_by_redirect()
    {
        using var browser = app.CreateBrowser();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 3));
        var rowId = await app.StoreTokenAsWebhookWouldAsync(saved);
        var slug = await app.StockedProductAsync(skip: 4);
        var stockBefore = await app.StockOfAsync(slug);
        await browser.AddToCartAsync(slug);
        var checkout = await browser.GetAsync("/checkout");
        Assert.Equal($"saved:{rowId}", checkout.Document.QuerySelector("input[name='Form.PaymentMethod']:checked")?.GetAttribute("value"));

        var refused = await browser.SubmitAsync(checkout, "#checkout-form", new Dictionary<string, string>(CheckoutSteps.KoreanAddress));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Browser.Page.LoadAsync(refused);
        Assert.Contains("Pay with KakaoPay instead", page.Document.QuerySelector(".validation-summary-errors")?.TextContent);
        Assert.Null(page.Document.QuerySelector("input[value^='saved:']"));
        Assert.True(Assert.IsAssignableFrom<IHtmlInputElement>(page.Document.QuerySelector("input[type=radio][value=kakaopay]")).IsChecked);
        var order = await app.LatestOrderOfAsync(saved.UserId);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));
        Assert.Equal(StoredPaymentMethodStatus.Failing, (await app.SavedMethodAsync(rowId)).Status);

        var toKakaoPay = await browser.SubmitAsync(page, "#checkout-form");
        Assert.True(toKakaoPay.StatusCode == HttpStatusCode.SeeOther, await toKakaoPay.Content.ReadAsStringAsync());
        var back = await browser.DecideAtKakaoPayAsync(toKakaoPay.Headers.Location!, "approve");

        Assert.StartsWith($"/orders/{order.Number}", back.Headers.Location!.OriginalString);
        var paid = await app.OrderAsync(order.Number);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(2, paid.Attempts.Count);
        Assert.Equal(stockBefore - 1, await app.StockOfAsync(slug));
    }
}
