using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Account;
using Storefront.Orders;
using Storefront.PaymentMethods;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Account;

/// <summary>A shopper sees, uses and removes only their own tokens and orders; the shopperReference never reaches a page.</summary>
public sealed class SavedKakaoPayAccessTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task Another_users_order_cannot_be_viewed_reordered_or_paid()
    {
        using var owner = app.CreateBrowser();
        var victim = await owner.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 1));
        await app.StoreTokenAsWebhookWouldAsync(victim);
        using var intruder = app.CreateBrowser();
        var intruderOwn = await intruder.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 2));
        var intruderRow = await app.StoreTokenAsWebhookWouldAsync(intruderOwn);
        // The intruder's own reorder forms, each aimed at the victim's order.
        var ownForm = await intruder.OpenReorderAsync(intruderOwn.FirstOrderNumber);
        var formPath = AccountPaths.Reorder(victim.FirstOrderNumber);
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());
        var exchangesBefore = app.Exchanges.Count;

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.GetAsync($"/orders/{victim.FirstOrderNumber}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.GetAsync(formPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.GetAsync(OrderPaths.PayAgain(victim.FirstOrderNumber))).StatusCode);
        foreach (var selector in new[] { "form[data-testid=pay-with-saved]", "form[action*='handler=Pay']:not([data-testid])" })
        {
            var html = ownForm.Document.QuerySelector(selector)!;
            html.SetAttribute("action", $"{formPath}?handler=Pay");
            Assert.Equal(HttpStatusCode.NotFound, (await intruder.SubmitAsync(ownForm, selector)).StatusCode);
        }
        var cartForm = ownForm.Document.QuerySelector("form[action*='handler=Cart']")!;
        cartForm.SetAttribute("action", $"{formPath}?handler=Cart");
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.SubmitAsync(ownForm, "form[action*='handler=Cart']")).StatusCode);
        var payForm = ownForm.Document.QuerySelector("form[data-testid=pay-with-saved]")!;
        payForm.SetAttribute("action", OrderPaths.PayAgain(victim.FirstOrderNumber));
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.SubmitAsync(ownForm, "form[data-testid=pay-with-saved]")).StatusCode);

        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Empty(app.PaymentRequestsSince(exchangesBefore));
        Assert.Empty((await intruder.GetAsync("/cart")).Document.QuerySelectorAll("tr.cart-line"));
        Assert.Null((await app.SavedMethodAsync(intruderRow)).LastUsedAt);
    }

    [Fact]
    public async Task Another_users_saved_kakaopay_cannot_pay_or_be_removed()
    {
        using var owner = app.CreateBrowser();
        var victim = await owner.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 3));
        var victimRow = await app.StoreTokenAsWebhookWouldAsync(victim);
        using var intruder = app.CreateBrowser();
        var intruderOwn = await intruder.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 4));
        var intruderRow = await app.StoreTokenAsWebhookWouldAsync(intruderOwn);
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());
        var exchangesBefore = app.Exchanges.Count;
        var victimChoice = $"saved:{victimRow}";

        // Pay a reorder of the intruder's own order with the victim's token.
        var reorder = await intruder.OpenReorderAsync(intruderOwn.FirstOrderNumber);
        var reorderResponse = await intruder.PayWithSavedAsync(reorder, new Dictionary<string, string> { ["paymentMethod"] = victimChoice });
        Assert.Equal(HttpStatusCode.OK, reorderResponse.StatusCode);
        Assert.Contains("saved payment method is not available", await reorderResponse.Content.ReadAsStringAsync());

        // Check out the intruder's cart with the victim's token.
        await intruder.AddToCartAsync(await app.StockedProductAsync(skip: 5));
        var checkout = await intruder.SubmitCheckoutAsync(new Dictionary<string, string> { ["Form.PaymentMethod"] = victimChoice });
        Assert.Equal(HttpStatusCode.OK, checkout.StatusCode);
        Assert.Contains("saved payment method is not available", await checkout.Content.ReadAsStringAsync());

        // Remove the victim's token from the intruder's own page.
        var list = await intruder.GetAsync(AccountPaths.PaymentMethods);
        var remove = await intruder.SubmitAsync(list, $"[data-method-id='{intruderRow}'] form", new Dictionary<string, string> { ["id"] = victimRow.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);

        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Empty(app.PaymentRequestsSince(exchangesBefore));
        Assert.DoesNotContain(app.Exchanges.Skip(exchangesBefore), e => e.Method == HttpMethod.Delete);
        Assert.Single(app.Sandbox.TokensOf(victim.ShopperReference));
        var victimMethod = await app.SavedMethodAsync(victimRow);
        Assert.Equal(StoredPaymentMethodStatus.Active, victimMethod.Status);
        Assert.Null(victimMethod.LastUsedAt);
        Assert.Equal(StoredPaymentMethodStatus.Active, (await app.SavedMethodAsync(intruderRow)).Status);
    }

    [Fact]
    public async Task A_forged_shopper_reference_in_a_form_is_ignored()
    {
        using var owner = app.CreateBrowser();
        var victim = await owner.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 6));
        using var intruder = app.CreateBrowser();
        var intruderOwn = await intruder.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 7));
        await app.StoreTokenAsWebhookWouldAsync(intruderOwn);
        var forged = new Dictionary<string, string>
        {
            ["shopperReference"] = victim.ShopperReference,
            ["ShopperReference"] = victim.ShopperReference,
            ["Form.ShopperReference"] = victim.ShopperReference,
            ["storedPaymentMethodId"] = victim.Token.Id,
        };
        var exchangesBefore = app.Exchanges.Count;

        var reorder = await intruder.OpenReorderAsync(intruderOwn.FirstOrderNumber);
        var paid = await intruder.PayWithSavedAsync(reorder, forged);
        await intruder.AddToCartAsync(await app.StockedProductAsync(skip: 8));
        var saving = await intruder.SubmitCheckoutAsync(new Dictionary<string, string>(forged)
        {
            ["Form.PaymentMethod"] = PaymentMethodsQuery.SavableMethod,
            ["Form.SavePaymentMethod"] = "true",
        });

        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, saving.StatusCode);
        var requests = app.PaymentRequestsSince(exchangesBefore);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(intruderOwn.ShopperReference, r.GetProperty("shopperReference").GetString()));
        SaveKakaoPayTests.AssertTokenPayment(requests[0], intruderOwn, "UnscheduledCardOnFile");
        Assert.True(requests[1].GetProperty("storePaymentMethod").GetBoolean());
        Assert.Single(app.Sandbox.TokensOf(victim.ShopperReference));
    }

    [Fact]
    public async Task No_page_shows_the_shopper_reference_or_the_token()
    {
        using var browser = app.CreateBrowser();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 9));
        await app.StoreTokenAsWebhookWouldAsync(saved);
        var reorder = await browser.OpenReorderAsync(saved.FirstOrderNumber);
        var paid = await browser.PayWithSavedAsync(reorder);
        var newOrder = await app.LatestOrderOfAsync(saved.UserId);
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 10));

        var pages = new List<string>
        {
            "/", "/cart", "/checkout", AccountPaths.Orders, AccountPaths.PaymentMethods, AccountPaths.Reorder(saved.FirstOrderNumber),
            OrderPaths.PayAgain(newOrder.Number), $"/orders/{saved.FirstOrderNumber}", paid.Headers.Location!.OriginalString,
            "/Identity/Account/Manage",
        };
        foreach (var path in pages)
        {
            var page = await browser.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.OK, $"{path} answered {(int)page.Status}.");
            Assert.DoesNotContain(saved.ShopperReference, page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(saved.Token.Id, page.Html, StringComparison.OrdinalIgnoreCase);
        }
        // The checkout offered the saved method, by our row id.
        Assert.NotNull((await browser.GetAsync("/checkout")).Document.QuerySelector("input[value^='saved:']"));
    }
}
