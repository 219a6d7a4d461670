using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Legal;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Checkout;

/// <summary>
/// Korea's checkout: 우편번호, 주소, 상세주소 in that order, phone numbers as Koreans type them, and the two required
/// agreements, recorded on the order with the versions of their texts.
/// </summary>
public sealed class KoreanCheckoutTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task The_korean_form_asks_postal_code_address_and_detailed_address_in_that_order_and_no_city()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 3));

        var checkout = await browser.GetAsync("/checkout");

        var fields = checkout.Document.QuerySelectorAll("#checkout-form fieldset:nth-of-type(2) input").Select(i => i.GetAttribute("name")).ToList();
        Assert.Equal(["Form.PostalCode", "Form.AddressLine1", "Form.AddressLine2"], fields);
        Assert.Null(checkout.Document.QuerySelector("input[name='Form.City']"));
        var labels = checkout.Document.QuerySelectorAll("#checkout-form fieldset:nth-of-type(2) label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(["우편번호", "주소", "상세주소 (선택)"], labels);
        Assert.Equal("주문/결제", checkout.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("카카오페이로", checkout.Document.QuerySelector("button.pay-button")!.TextContent.Trim());
    }

    [Fact]
    public async Task Other_markets_keep_their_form_with_a_required_city_and_no_agreements()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("NL");
        await browser.AddToCartAsync(await app.StockedProductAsync("EUR", skip: 3));

        var checkout = await browser.GetAsync("/checkout");

        var fields = checkout.Document.QuerySelectorAll("#checkout-form fieldset:nth-of-type(2) input").Select(i => i.GetAttribute("name")).ToList();
        Assert.Equal(["Form.AddressLine1", "Form.AddressLine2", "Form.City", "Form.PostalCode"], fields);
        Assert.Null(checkout.Document.QuerySelector("[data-testid=agreements]"));
        var refused = await browser.SubmitAsync(checkout, "#checkout-form", new Dictionary<string, string>
        {
            ["Form.Email"] = "sam@example.com", ["Form.Name"] = "Sam de Vries", ["Form.Phone"] = "020 123 4567",
            ["Form.AddressLine1"] = "Damrak 1", ["Form.City"] = "", ["Form.PostalCode"] = "1012 LG",
        });
        var page = await Browser.Page.LoadAsync(refused);
        Assert.False(string.IsNullOrWhiteSpace(page.Document.QuerySelector("[data-valmsg-for='Form.City']")?.TextContent));
    }

    [Theory]
    [InlineData("010-1234-5678")]
    [InlineData("01012345678")]
    [InlineData("+82 10 1234 5678")]
    public async Task A_korean_phone_number_in_any_usual_form_is_stored_in_E164(string typed)
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 4));

        var response = await browser.SubmitCheckoutAsync(new Dictionary<string, string>
        {
            ["Form.Phone"] = typed, ["Form.AddressLine1"] = "서울특별시 중구 세종대로 110", ["Form.AddressLine2"] = "3층 301호",
        });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var order = await LatestOrderAsync();
        Assert.Equal("+821012345678", order.Contact.Phone);
        Assert.Equal("010-1234-5678", ContactPhone.Display(order.Contact.Phone, order.Country));
        Assert.Equal(new ShippingAddress("서울특별시 중구 세종대로 110", "3층 301호", "서울특별시", "04524", "KR"), order.ShippingAddress);
    }

    [Theory]
    [InlineData("Form.Phone", "010-1234", "올바른 전화번호를 입력해 주세요. 예: ")]
    [InlineData("Form.Phone", "+82 99 1234 5678", "올바른 전화번호를 입력해 주세요. 예: ")]
    [InlineData("Form.PostalCode", "0452", "우편번호 5자리를 입력해 주세요. 예: 04524")]
    [InlineData("Form.PostalCode", "045245", "우편번호 5자리를 입력해 주세요. 예: 04524")]
    [InlineData("Form.PostalCode", "04-524", "우편번호 5자리를 입력해 주세요. 예: 04524")]
    public async Task A_bad_phone_number_or_postal_code_is_refused_in_korean_and_places_no_order(string field, string value, string message)
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 5));
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());

        var response = await browser.SubmitCheckoutAsync(new Dictionary<string, string> { [field] = value });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.Page.LoadAsync(response);
        Assert.StartsWith(message, page.Document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim());
        Assert.Equal(value, (page.Document.QuerySelector($"input[name='{field}']") as IHtmlInputElement)?.Value);
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
    }

    [Theory]
    [InlineData("Form.AgreeToTerms")]
    [InlineData("Form.AgreeToPrivacy")]
    public async Task Paying_without_either_agreement_is_refused_with_a_message_and_places_no_order(string missing)
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 6));
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());
        var checkout = await browser.GetAsync("/checkout");
        var fields = new Dictionary<string, string>(CheckoutSteps.KoreanAddress);
        fields.Remove(missing);

        var response = await browser.SubmitAsync(checkout, "#checkout-form", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.Page.LoadAsync(response);
        Assert.Contains("동의해 주세요", page.Document.QuerySelector($"[data-valmsg-for='{missing}']")?.TextContent);
        var other = missing == "Form.AgreeToTerms" ? "agree-privacy" : "agree-terms";
        Assert.True(((IHtmlInputElement)page.Document.QuerySelector($"#{other}")!).IsChecked, "The ticked agreement stays ticked.");
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task The_agreements_and_their_texts_are_on_the_checkout_and_the_order_records_them_with_versions_and_time()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 7));
        var legal = app.Services.GetRequiredService<LegalTexts>();

        var checkout = await browser.GetAsync("/checkout");
        var labels = checkout.Document.QuerySelectorAll("[data-testid=agreements] label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(["[필수] 구매조건 확인 및 결제진행 동의", "[필수] 개인정보 수집·이용 동의"], labels);
        Assert.All(checkout.Document.QuerySelectorAll("[data-testid=agreements] input[type=checkbox]"), box => Assert.True(box.HasAttribute("required")));
        var links = checkout.Document.QuerySelectorAll("[data-testid=agreements] details a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/terms", "/privacy"], links);
        Assert.All(checkout.Document.QuerySelectorAll("[data-testid=agreements] details .legal-text"), text => Assert.NotEmpty(text.TextContent.Trim()));

        var before = DateTime.UtcNow.AddSeconds(-1);
        var response = await browser.SubmitAsync(checkout, "#checkout-form", new Dictionary<string, string>(CheckoutSteps.KoreanAddress));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var order = await LatestOrderAsync();
        Assert.Equal(legal.TermsVersion, order.TermsVersionAgreed);
        Assert.Equal(legal.PrivacyVersion, order.PrivacyVersionAgreed);
        Assert.Equal(LegalTexts.DefaultVersion, order.TermsVersionAgreed);
        Assert.InRange(order.TermsAgreedAt!.Value, before, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(order.TermsAgreedAt, order.PrivacyAgreedAt);
        Assert.Contains(order.Events, e => e.Kind == OrderEventKinds.AgreementsGiven);
    }

    [Fact]
    public async Task The_kakaopay_approval_page_speaks_korean_to_a_korean_shopper_and_its_buttons_still_decide()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR,ko;q=0.9");
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 8));
        var toKakaoPay = await browser.SubmitCheckoutAsync();
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);

        var approval = await browser.GetAsync(toKakaoPay.Headers.Location!.ToString());

        Assert.Equal("ko-KR", approval.Document.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("카카오페이 결제", approval.Document.Title);
        Assert.Equal("카카오페이", approval.Document.QuerySelector(".brand")!.TextContent);
        Assert.Equal("결제 정보 확인", approval.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal(["가맹점", "결제 금액", "주문 번호"], approval.Document.QuerySelectorAll("dt").Select(d => d.TextContent).ToList());
        Assert.Equal("결제하기", approval.Document.QuerySelector("#approve-form button")!.TextContent);
        Assert.Equal("결제 거절", approval.Document.QuerySelector("#decline-form button")!.TextContent);
        Assert.Equal("취소", approval.Document.QuerySelector("#cancel-form button")!.TextContent);
        Assert.DoesNotContain("Approve", approval.Html, StringComparison.Ordinal);

        var back = await browser.DecideAtKakaoPayAsync(toKakaoPay.Headers.Location!, "approve");

        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.StartsWith("/orders/SF-", back.Headers.Location!.OriginalString);
        Assert.Equal(OrderStatus.Paid, (await LatestOrderAsync()).Status);
    }

    [Fact]
    public async Task The_kakaopay_approval_page_stays_english_for_a_shopper_reading_english()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "en-US");
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 9));
        var toKakaoPay = await browser.SubmitCheckoutAsync();

        var approval = await browser.GetAsync(toKakaoPay.Headers.Location!.ToString());

        Assert.Equal("en", approval.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Confirm your payment", approval.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Approve", approval.Document.QuerySelector("#approve-form button")!.TextContent);
    }

    private Task<Order> LatestOrderAsync() =>
        app.WithDbAsync(db => db.Orders.Include(o => o.Events).OrderByDescending(o => o.Id).FirstAsync());
}
