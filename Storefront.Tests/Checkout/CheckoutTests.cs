using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Checkout;

/// <summary>A shopper in Korea pays with KakaoPay through the Adyen sandbox, over real HTTP.</summary>
public sealed class CheckoutTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task A_korean_cart_offers_kakaopay_with_its_logo()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());

        var cart = await browser.GetAsync("/cart");

        // The name is written beside the logo, so the logo itself is decoration (alt="") and the name is read once.
        var logo = cart.Document.QuerySelector(".payment-methods img[src$='/kakaopay.svg'][alt='']");
        Assert.NotNull(logo);
        Assert.Equal("KakaoPay", logo.NextElementSibling?.TextContent.Trim());
        Assert.Equal("/images/payment-methods/kakaopay.svg", logo.GetAttribute("src"));
        Assert.Null(cart.Document.QuerySelector("[data-testid='kakaopay-unavailable']"));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(logo.GetAttribute("src"))).StatusCode);

        var checkout = await browser.GetAsync("/checkout");
        Assert.NotNull(checkout.Document.QuerySelector("input[type=radio][value=kakaopay]:checked"));
        Assert.NotNull(checkout.Document.QuerySelector("label[for=payment-method-kakaopay] img[src$='/kakaopay.svg'][alt='']"));
        Assert.Equal("KakaoPay", checkout.Document.QuerySelector("label[for=payment-method-kakaopay]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_us_cart_does_not_offer_kakaopay_and_says_why()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("US");
        await browser.AddToCartAsync(await app.StockedProductAsync("USD"));

        foreach (var url in new[] { "/cart", "/checkout" })
        {
            var page = await browser.GetAsync(url);
            Assert.Null(page.Document.QuerySelector("img[src$='/kakaopay.svg']"));
            Assert.Contains("KakaoPay is available for orders in Korea paid in won",
                page.Document.QuerySelector("[data-testid='kakaopay-unavailable']")?.TextContent);
        }
    }

    [Fact]
    public async Task Approving_pays_the_order_empties_the_cart_and_sells_the_stock()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync(skip: 1);
        var stockBefore = await StockOf(slug);
        await browser.AddToCartAsync(slug, quantity: 2);

        var back = await browser.PayWithKakaoPayAsync("approve");

        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.StartsWith("/orders/SF-", back.Headers.Location!.OriginalString);
        var orderPage = await browser.GetAsync(back.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, orderPage.Status);
        Assert.Equal("Paid", orderPage.Document.QuerySelector("[data-testid=order-status]")?.GetAttribute("data-status"));
        var order = await LatestOrderAsync();
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(PaymentStatus.Authorised, order.PaymentStatus);
        Assert.Equal(stockBefore - 2, await StockOf(slug));
        Assert.Contains("Your cart is empty", (await browser.GetAsync("/cart")).Html);

        var payment = Assert.Single(app.Sandbox.PaymentsFor(order.Attempts.Single().Reference));
        Assert.Equal(1, payment.DetailsCalls);
        Assert.Equal(order.TotalAmount, payment.Amount.MinorUnits);
    }

    [Fact]
    public async Task The_payment_request_carries_krw_minor_units_and_everything_adyen_needs()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 2));
        var exchangesBefore = app.Exchanges.Count;

        await browser.SubmitCheckoutAsync();

        var order = await LatestOrderAsync();
        var exchange = app.Exchanges.Skip(exchangesBefore).Last(e => e.OperationPath == "/payments");
        using var body = JsonDocument.Parse(exchange.RequestBody!);
        var root = body.RootElement;
        Assert.Equal("KRW", root.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal(order.TotalAmount, root.GetProperty("amount").GetProperty("value").GetInt64());
        Assert.Equal($"{order.Number}-1", root.GetProperty("reference").GetString());
        Assert.Equal("kakaopay", root.GetProperty("paymentMethod").GetProperty("type").GetString());
        Assert.Equal("KR", root.GetProperty("countryCode").GetString());
        Assert.Equal("ko-KR", root.GetProperty("shopperLocale").GetString());
        Assert.Equal("Web", root.GetProperty("channel").GetString());
        Assert.Equal("minji@example.kr", root.GetProperty("shopperEmail").GetString());
        Assert.Equal(1000, root.GetProperty("lineItems")[0].GetProperty("taxPercentage").GetInt64());
        Assert.False(root.TryGetProperty("shopperReference", out _), "A guest has no shopperReference.");
        var returnUrl = root.GetProperty("returnUrl").GetString()!;
        Assert.True(returnUrl.Length < 1024, $"returnUrl is {returnUrl.Length} characters.");
        Assert.StartsWith(new Uri(app.BaseAddress, "/checkout/return?ref=").AbsoluteUri, returnUrl);
        Assert.Equal(order.Attempts.Single().IdempotencyKey, exchange.IdempotencyKey);
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.Skip(exchangesBefore));
    }

    [Theory]
    [InlineData("decline", "Refused", "refused")]
    [InlineData("cancel", "Cancelled", "cancelled")]
    public async Task Declining_or_cancelling_brings_the_shopper_back_to_checkout_with_the_cart_kept(
        string decision, string status, string message)
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync(skip: decision == "decline" ? 3 : 4);
        var stockBefore = await StockOf(slug);
        await browser.AddToCartAsync(slug);

        var final = await browser.PayWithKakaoPayAsync(decision);

        Assert.Equal(HttpStatusCode.SeeOther, final.StatusCode);
        Assert.Equal($"/checkout?payment={status}", final.Headers.Location!.OriginalString);
        var checkout = await browser.GetAsync(final.Headers.Location!.OriginalString);
        Assert.Contains(message, checkout.Document.QuerySelector(".notice.error")?.TextContent);
        Assert.NotNull(checkout.Document.QuerySelector("#checkout-form"));
        var order = await LatestOrderAsync();
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Equal(stockBefore, await StockOf(slug));
        Assert.Single((await browser.GetAsync("/cart")).Document.QuerySelectorAll("tr.cart-line"));
    }

    [Fact]
    public async Task A_declined_payment_returns_to_a_form_that_holds_what_the_shopper_typed()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 6));
        var declined = await browser.PayWithKakaoPayAsync("decline");

        var checkout = await browser.GetAsync(declined.Headers.Location!.OriginalString);

        string? Value(string name) => checkout.Document.QuerySelector($"#checkout-form [name='{name}']")?.GetAttribute("value");
        foreach (var field in new[] { "Form.Email", "Form.Name", "Form.PostalCode", "Form.AddressLine1" })
            Assert.Equal(CheckoutSteps.KoreanAddress[field], Value(field));
        Assert.Equal("010-1234-5678", Value("Form.Phone"));
        // Consent is asked again for each payment.
        Assert.Null(checkout.Document.QuerySelector("#checkout-form [name='Form.AgreeToTerms'][checked]"));

        // Paying from the filled form, with the agreements ticked, is the same order's next attempt.
        var again = await browser.SubmitAsync(checkout, "#checkout-form", new Dictionary<string, string>
        {
            ["Form.AgreeToTerms"] = "true", ["Form.AgreeToPrivacy"] = "true",
        });
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        var order = await LatestOrderAsync();
        Assert.Equal(2, order.Attempts.Count);
    }

    [Fact]
    public async Task Trying_again_after_a_decline_is_a_new_attempt_on_the_same_order()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync(skip: 5);
        var stockBefore = await StockOf(slug);
        await browser.AddToCartAsync(slug);
        await browser.PayWithKakaoPayAsync("decline");

        var back = await browser.PayWithKakaoPayAsync("approve");

        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.StartsWith("/orders/", back.Headers.Location!.OriginalString);
        var order = await LatestOrderAsync();
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal([$"{order.Number}-1", $"{order.Number}-2"], order.Attempts.OrderBy(a => a.Number).Select(a => a.Reference));
        Assert.Equal([AttemptStatus.Refused, AttemptStatus.Authorised], order.Attempts.OrderBy(a => a.Number).Select(a => a.Status));
        Assert.Equal(stockBefore - 1, await StockOf(slug));
    }

    [Fact]
    public async Task A_replayed_or_refreshed_return_shows_the_stored_outcome_without_asking_adyen_again()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 6));
        var toKakaoPay = await browser.SubmitCheckoutAsync();
        var approval = await browser.GetAsync(toKakaoPay.Headers.Location!.ToString());
        var back = await browser.SubmitAsync(approval, "#approve-form");
        var returnUrl = back.Headers.Location!;

        var first = await browser.Client.GetAsync(returnUrl);
        using var otherBrowser = app.CreateBrowser();
        var replayed = await otherBrowser.Client.GetAsync(returnUrl);
        var posted = await otherBrowser.Client.PostAsync(returnUrl, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        var orderPath = first.Headers.Location!.OriginalString.Split('?')[0];
        Assert.StartsWith("/orders/SF-", orderPath);
        Assert.Equal(orderPath, replayed.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Equal(orderPath, posted.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Equal(HttpStatusCode.OK, (await otherBrowser.Client.GetAsync(replayed.Headers.Location)).StatusCode);
        var order = await LatestOrderAsync();
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(1, Assert.Single(app.Sandbox.PaymentsFor(order.Attempts.Single().Reference)).DetailsCalls);
        Assert.Single(order.Events, e => e.Kind == "OrderPaid");
    }

    [Fact]
    public async Task A_tampered_return_reference_is_refused_and_changes_nothing()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 7));
        var toKakaoPay = await browser.SubmitCheckoutAsync();
        var order = await LatestOrderAsync();

        foreach (var forged in new[] { "/checkout/return?ref=forged&redirectResult=x", "/checkout/return?redirectResult=x", $"/checkout/return?ref={order.Number}-1&redirectResult=x" })
        {
            var response = await browser.Client.GetAsync(forged);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var after = await LatestOrderAsync();
        Assert.Equal(OrderStatus.AwaitingPayment, after.Status);
        Assert.Equal(AttemptStatus.RedirectShopper, after.Attempts.Single().Status);
        Assert.Equal(0, Assert.Single(app.Sandbox.PaymentsFor(after.Attempts.Single().Reference)).DetailsCalls);
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
    }

    [Fact]
    public async Task Submitting_the_same_checkout_twice_makes_one_order_and_one_payment()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 8));
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());
        var page = await browser.GetAsync("/checkout");
        var fields = new Dictionary<string, string>(CheckoutSteps.KoreanAddress);

        var responses = await Task.WhenAll(
            browser.SubmitAsync(page, "#checkout-form", fields),
            browser.SubmitAsync(page, "#checkout-form", fields));
        var again = await browser.SubmitAsync(page, "#checkout-form", fields);

        Assert.All(responses.Append(again), r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        // Every submit is sent to the same KakaoPay session.
        Assert.Single(responses.Append(again).Select(r => r.Headers.Location).Distinct());
        Assert.Equal(ordersBefore + 1, await app.WithDbAsync(db => db.Orders.CountAsync()));
        var order = await LatestOrderAsync();
        Assert.Single(order.Attempts);
        Assert.Single(app.Sandbox.PaymentsFor(order.Attempts.Single().Reference));
    }

    [Fact]
    public async Task Price_and_quantity_fields_in_the_form_are_ignored()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync(skip: 9);
        var price = await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).SelectMany(p => p.Prices).Where(p => p.Currency == "KRW").Select(p => p.Amount).SingleAsync());
        await browser.AddToCartAsync(slug);

        await browser.SubmitCheckoutAsync(new Dictionary<string, string>
        {
            ["price"] = "1", ["Price"] = "1", ["Form.Total"] = "1", ["total"] = "1", ["quantity"] = "50", ["Form.Country"] = "US", ["amount"] = "1",
        });

        var order = await LatestOrderAsync();
        Assert.Equal(price, order.TotalAmount);
        Assert.Equal("KRW", order.Currency);
        Assert.Equal(1, order.Lines.Single().Quantity);
    }

    [Fact]
    public async Task Invalid_details_are_refused_with_messages_and_create_no_order()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 10));
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());

        var response = await browser.SubmitCheckoutAsync(new Dictionary<string, string>
        {
            ["Form.Email"] = "not-an-email", ["Form.Name"] = "", ["Form.Phone"] = "call me", ["Form.PostalCode"] = "ABC",
            ["Form.AddressLine1"] = "", ["Form.City"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.Page.LoadAsync(response);
        // Korea's delivery form has no city (the address begins with it); KoreanCheckoutTests checks the other markets'.
        foreach (var field in new[] { "Email", "Name", "Phone", "PostalCode", "AddressLine1" })
            Assert.False(string.IsNullOrWhiteSpace(page.Document.QuerySelector($"[data-valmsg-for='Form.{field}']")?.TextContent), $"No message for {field}.");
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task An_unknown_payment_method_is_refused_and_creates_no_order()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 11));
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());

        var response = await browser.SubmitCheckoutAsync(new Dictionary<string, string> { ["Form.PaymentMethod"] = "ideal" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not available for this order", await response.Content.ReadAsStringAsync());
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task An_empty_cart_cannot_check_out()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());

        var page = await browser.Client.GetAsync("/checkout");
        var post = await browser.Client.PostAsync("/checkout", new FormUrlEncodedContent(CheckoutSteps.KoreanAddress));

        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        Assert.Equal("/cart", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode); // no antiforgery token: refused before anything runs
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task Stock_gone_since_the_cart_was_filled_is_reported_and_nothing_is_ordered()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync(skip: 12);
        await browser.AddToCartAsync(slug, quantity: 3);
        await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, 1).SetProperty(p => p.Version, p => p.Version + 1)));
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());

        var page = await browser.GetAsync("/checkout");
        Assert.Contains("Only 1 left", page.Html);
        Assert.Null(page.Document.QuerySelector("[data-pay-button]"));
        // A page loaded before the stock went still posts: the server re-checks.
        var response = await browser.SubmitAsync(page, "#checkout-form",
            new Dictionary<string, string>(CheckoutSteps.KoreanAddress) { ["Form.PaymentMethod"] = "kakaopay" });

        Assert.Contains("Only 1 of", await response.Content.ReadAsStringAsync());
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Equal(1, await StockOf(slug));
    }

    [Fact]
    public async Task Two_shoppers_racing_for_the_last_units_get_one_order_and_a_clear_answer_never_an_error()
    {
        var slug = await app.StockedProductAsync(skip: 14);
        var shoppers = new List<Browser>();
        for (var i = 0; i < 4; i++)
        {
            var shopper = app.CreateBrowser();
            await shopper.ChooseCountryAsync("KR");
            await shopper.AddToCartAsync(slug, quantity: 2);
            shoppers.Add(shopper);
        }
        await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, 2).SetProperty(p => p.Version, p => p.Version + 1)));
        var pages = await Task.WhenAll(shoppers.Select(s => s.GetAsync("/checkout")));
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());

        var responses = await Task.WhenAll(shoppers.Select((s, i) => s.SubmitAsync(pages[i], "#checkout-form",
            new Dictionary<string, string>(CheckoutSteps.KoreanAddress) { ["Form.PaymentMethod"] = "kakaopay" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.SeeOther);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.SeeOther), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(ordersBefore + 1, await app.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Equal(0, await StockOf(slug));
        shoppers.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task The_order_page_is_for_its_owner_or_the_signed_link_only()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 13));
        var back = await browser.PayWithKakaoPayAsync("approve");
        var signedLink = back.Headers.Location!.OriginalString;
        var number = (await LatestOrderAsync()).Number;

        using var stranger = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await stranger.Client.GetAsync(signedLink)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/orders/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/orders/{number}?key=forged")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync("/orders/SF-00000000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync("/orders/%3Cscript%3E")).StatusCode);
    }

    private Task<int> StockOf(string slug) =>
        app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync());

    private Task<Order> LatestOrderAsync() =>
        app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Attempts).Include(o => o.Lines).Include(o => o.Events)
            .AsSplitQuery().OrderByDescending(o => o.Id).FirstAsync());
}
