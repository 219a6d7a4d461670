using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Account;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Account;

/// <summary>/account/orders and reordering, paid in one step with the saved KakaoPay or through the cart.</summary>
public sealed class ReorderTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task The_order_history_lists_the_users_orders_with_their_page_and_reorder()
    {
        using var browser = app.CreateBrowser();
        var email = await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 1));
        await browser.PayWithKakaoPayAsync("approve");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 2));
        await browser.PayWithKakaoPayAsync("decline");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var orders = await app.WithDbAsync(db => db.Orders.AsNoTracking().Where(o => o.ShopperId == userId).OrderByDescending(o => o.Id).ToListAsync());
        using var otherShopper = app.CreateBrowser();
        await otherShopper.RegisterNewShopperAsync();
        await otherShopper.ChooseCountryAsync("KR");
        await otherShopper.AddToCartAsync(await app.StockedProductAsync(skip: 3));
        await otherShopper.PayWithKakaoPayAsync("approve");

        var history = await browser.GetAsync(AccountPaths.Orders);

        Assert.Equal(HttpStatusCode.OK, history.Status);
        var rows = history.Document.QuerySelectorAll("tr[data-order]");
        Assert.Equal(orders.Select(o => o.Number), rows.Select(r => r.GetAttribute("data-order")));
        var paid = rows[1];
        var cells = paid.QuerySelectorAll("td");
        Assert.Equal(orders[1].Number, cells[0].TextContent.Trim());
        // In the shopper's market's zone (Seoul), in the shopper's language.
        var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
        Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(orders[1].CreatedAt, seoul).ToString("MMMM d, yyyy h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en")),
            cells[1].TextContent.Trim());
        Assert.Equal("Paid", cells[2].TextContent.Trim());
        Assert.Equal(orders[1].Total.ToString(), cells[3].TextContent.Trim());
        Assert.Equal("Payment failed", rows[0].QuerySelector("[data-testid=order-status]")?.TextContent.Trim());
        Assert.NotNull(rows[0].QuerySelector($"a[href='{OrderPaths.PayAgain(orders[0].Number)}']"));
        Assert.Null(paid.QuerySelector("a[href$='/pay']"));
        foreach (var row in rows)
        {
            var number = row.GetAttribute("data-order")!;
            var details = row.QuerySelector($"a[href='/orders/{number}']")!.GetAttribute("href")!;
            Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(details)).StatusCode);
            Assert.Equal(AccountPaths.Reorder(number), row.QuerySelector("a[href$='/reorder']")?.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task A_paid_order_cannot_be_paid_again_and_the_page_says_its_status_in_korean()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 1));
        await browser.PayWithKakaoPayAsync("approve");
        var number = (await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).FirstAsync())).Number;

        var page = await browser.GetAsync(OrderPaths.PayAgain(number));

        var notice = page.Document.QuerySelector("[data-testid=cannot-pay-again]")?.TextContent;
        Assert.Contains("(결제 완료)", notice);
        Assert.DoesNotContain("Paid", notice);
    }

    [Fact]
    public async Task A_guest_is_sent_to_log_in()
    {
        using var guest = app.CreateBrowser();

        foreach (var path in new[] { AccountPaths.Orders, AccountPaths.Reorder("SF-00000000"), OrderPaths.PayAgain("SF-00000000") })
        {
            var response = await guest.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Reordering_with_the_saved_kakaopay_pays_in_one_step_with_the_token()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 4);
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, slug);
        var rowId = await app.StoreTokenAsWebhookWouldAsync(saved);
        var source = await app.OrderAsync(saved.FirstOrderNumber);
        var stockBefore = await app.StockOfAsync(slug);
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 5));
        var reorder = await browser.OpenReorderAsync(saved.FirstOrderNumber);
        Assert.Null(reorder.Document.QuerySelector("[data-testid=reorder-changed]"));
        Assert.Equal(source.Total.ToString(), reorder.Document.QuerySelector("[data-testid=reorder-total]")?.TextContent.Trim());
        Assert.Equal($"saved:{rowId}", reorder.Document.QuerySelector("form[data-testid=pay-with-saved] input[name=paymentMethod]")?.GetAttribute("value"));
        Assert.Contains("with saved KakaoPay", reorder.Document.QuerySelector("form[data-testid=pay-with-saved] button")?.TextContent);
        var exchangesBefore = app.Exchanges.Count;

        var paid = await browser.PayWithSavedAsync(reorder);

        // One step: straight to the new order's page, never to KakaoPay.
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.StartsWith("/orders/SF-", paid.Headers.Location!.OriginalString);
        var order = await app.LatestOrderOfAsync(saved.UserId);
        Assert.NotEqual(source.Number, order.Number);
        Assert.StartsWith($"/orders/{order.Number}", paid.Headers.Location!.OriginalString);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(source.Total, order.Total);
        Assert.Equal(source.Lines.Select(l => (l.ProductId, l.Quantity, l.UnitPrice)), order.Lines.Select(l => (l.ProductId, l.Quantity, l.UnitPrice)));
        Assert.Equal(source.Contact, order.Contact);
        Assert.Equal(source.ShippingAddress, order.ShippingAddress);
        Assert.Contains(order.Events, e => e.Kind == "Reordered" && e.Summary.Contains(source.Number));
        Assert.Equal(stockBefore - 1, await app.StockOfAsync(slug));
        var attempt = Assert.Single(order.Attempts);
        Assert.Equal(saved.Token.Id, attempt.StoredPaymentMethodId);

        var exchanges = app.Exchanges.Skip(exchangesBefore).ToList();
        var request = Assert.Single(app.PaymentRequestsSince(exchangesBefore));
        SaveKakaoPayTests.AssertTokenPayment(request, saved, "UnscheduledCardOnFile");
        Assert.Equal($"{order.Number}-1", request.GetProperty("reference").GetString());
        Assert.Equal(order.TotalAmount, request.GetProperty("amount").GetProperty("value").GetInt64());
        Assert.Equal(attempt.IdempotencyKey, exchanges.Single(e => e.OperationPath == "/payments").IdempotencyKey);
        Assert.Contains(saved.Token, app.Sandbox.TokensOf(request.GetProperty("shopperReference").GetString()!));
        Assert.Equal(Storefront.Payments.Sandbox.SandboxOutcome.Authorised, Assert.Single(app.Sandbox.PaymentsFor(attempt.Reference)).Outcome);
        ContractAssertions.AssertMatchesCheckoutV71(exchanges);

        Assert.NotNull((await app.SavedMethodAsync(rowId)).LastUsedAt);
        Assert.Equal(OrderStatus.Paid, (await app.OrderAsync(source.Number)).Status);
        // The cart was not part of it.
        Assert.Single((await browser.GetAsync("/cart")).Document.QuerySelectorAll("tr.cart-line"));
        var orderPage = await browser.GetAsync(paid.Headers.Location!.OriginalString);
        Assert.Equal("Paid", orderPage.Document.QuerySelector("[data-testid=order-status]")?.GetAttribute("data-status"));
    }

    [Fact]
    public async Task Submitting_the_reorder_twice_places_one_order_and_one_payment()
    {
        using var browser = app.CreateBrowser();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 6));
        await app.StoreTokenAsWebhookWouldAsync(saved);
        var reorder = await browser.OpenReorderAsync(saved.FirstOrderNumber);
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync(o => o.ShopperId == saved.UserId));

        var responses = await Task.WhenAll(browser.PayWithSavedAsync(reorder), browser.PayWithSavedAsync(reorder));
        var again = await browser.PayWithSavedAsync(reorder);

        Assert.All(responses.Append(again), r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        Assert.Single(responses.Append(again).Select(r => r.Headers.Location!.OriginalString.Split('?')[0]).Distinct());
        Assert.Equal(ordersBefore + 1, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.ShopperId == saved.UserId)));
        var order = await app.LatestOrderOfAsync(saved.UserId);
        Assert.Single(app.Sandbox.PaymentsFor(Assert.Single(order.Attempts).Reference));
    }

    [Fact]
    public async Task A_quote_that_changed_since_it_was_shown_is_not_charged()
    {
        using var browser = app.CreateBrowser();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 7));
        await app.StoreTokenAsWebhookWouldAsync(saved);
        var reorder = await browser.OpenReorderAsync(saved.FirstOrderNumber);
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync(o => o.ShopperId == saved.UserId));
        var exchangesBefore = app.Exchanges.Count;

        var response = await browser.PayWithSavedAsync(reorder, new Dictionary<string, string> { ["quote"] = "0123456789abcdef0123456789abcdef" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.Page.LoadAsync(response);
        Assert.Contains("Prices or stock changed", page.Document.QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.ShopperId == saved.UserId)));
        Assert.Empty(app.PaymentRequestsSince(exchangesBefore));
    }

    [Fact]
    public async Task Reordering_through_the_cart_puts_todays_lines_in_the_cart_and_goes_to_checkout()
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync(skip: 8);
        await browser.AddToCartAsync(slug, quantity: 2);
        await browser.PayWithKakaoPayAsync("approve");
        var number = (await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).FirstAsync())).Number;
        await browser.ChooseCountryAsync("US");
        var reorder = await browser.OpenReorderAsync(number);
        // No saved KakaoPay: the redirect is offered, and the cart.
        Assert.Null(reorder.Document.QuerySelector("form[data-testid=pay-with-saved]"));
        Assert.NotNull(reorder.Document.QuerySelector("form input[name=paymentMethod][value=kakaopay]"));

        var toCart = await browser.SubmitAsync(reorder, "form[action*='handler=Cart']");

        Assert.Equal(HttpStatusCode.SeeOther, toCart.StatusCode);
        Assert.Equal("/checkout", toCart.Headers.Location!.OriginalString);
        var checkout = await browser.GetAsync("/checkout");
        Assert.Equal(HttpStatusCode.OK, checkout.Status);
        Assert.Contains(checkout.Document.QuerySelectorAll("legend"), legend => legend.TextContent.Contains("South Korea"));
        var cart = await browser.GetAsync("/cart");
        var line = Assert.Single(cart.Document.QuerySelectorAll("tr.cart-line"));
        Assert.Equal("2", line.QuerySelector("input[name=quantity]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Reordering_by_kakaopay_redirect_pays_a_new_order_at_kakaopay()
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 9));
        await browser.PayWithKakaoPayAsync("approve");
        var source = await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).FirstAsync());
        var reorder = await browser.OpenReorderAsync(source.Number);

        var toKakaoPay = await browser.SubmitAgreeingAsync(reorder, "form[action*='handler=Pay']:not([data-testid])");
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var back = await browser.DecideAtKakaoPayAsync(toKakaoPay.Headers.Location!, "approve");

        Assert.StartsWith("/orders/SF-", back.Headers.Location!.OriginalString);
        var order = await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).FirstAsync());
        Assert.NotEqual(source.Number, order.Number);
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public async Task A_reorder_in_korea_asks_for_both_agreements_and_records_them_on_the_new_order()
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterNewShopperAsync();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 10));
        await browser.PayWithKakaoPayAsync("approve");
        var source = await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).FirstAsync());
        var reorder = await browser.OpenReorderAsync(source.Number);
        const string form = "form[action*='handler=Pay']:not([data-testid])";
        Assert.Equal(2, reorder.Document.QuerySelectorAll($"{form} [data-testid=agreements] input[type=checkbox][required]").Length);
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());

        var refused = await browser.SubmitAgreeingAsync(reorder, form, new Dictionary<string, string> { ["AgreeToPrivacy"] = "false" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tick both agreements", (await Browser.Page.LoadAsync(refused)).Document.QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));

        var placed = await browser.SubmitAgreeingAsync(reorder, form);

        Assert.Equal(HttpStatusCode.SeeOther, placed.StatusCode);
        var order = await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).FirstAsync());
        Assert.NotEqual(source.Number, order.Number);
        Assert.NotNull(order.TermsVersionAgreed);
        Assert.Equal((source.TermsVersionAgreed, source.PrivacyVersionAgreed), (order.TermsVersionAgreed, order.PrivacyVersionAgreed));
        Assert.NotNull(order.TermsAgreedAt);
        Assert.NotNull(order.PrivacyAgreedAt);
    }
}
