using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;
using Storefront.E2E.Pages;
using Storefront.Tests.Notifications;
using Storefront.Tests.Payments;

namespace Storefront.E2E.Shopping;

/// <summary>
/// A shopper whose browser speaks Korean, in Korea: the whole shop in Korean, from the home page to the order e-mail,
/// with axe on every page; the language switch then turns the page the shopper is on into English and back.
/// </summary>
public sealed partial class KoreanJourneyTests(ChromiumFixture chromium, SandboxFactory app)
    : StorefrontJourney(chromium, app), IClassFixture<SandboxFactory>
{
    [Fact]
    public Task A_korean_shopper_finds_green_tea_pays_with_KakaoPay_and_reads_the_order_in_korean() => JourneyAsync(async page =>
    {
        var home = await HomePage.OpenAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko-KR");
        await Expect(home.CountryPickerById).ToHaveValueAsync("KR");
        await Expect(home.MainNavigation).ToContainTextAsync("장바구니");
        await page.AssertAccessibleAsync();

        var results = await SearchAsync(page, "녹차");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = GreenTea, Exact = true }).First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await results.GetByRole(AriaRole.Link, new() { Name = GreenTea, Exact = true }).First.ClickAsync();
        await page.ArrivesAtAsync(GreenTeaUrl());
        var product = new ProductPage(page);
        await Expect(product.Heading).ToHaveTextAsync(GreenTea);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "장바구니 담기", Exact = true }).ClickAsync();
        await page.ArrivesAtAsync(CartUrl());
        var cart = new CartPage(page);
        await Expect(cart.LineFor(GreenTea)).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "주문하기", Exact = true }).ClickAsync();
        await page.ArrivesAtAsync(CheckoutUrl());
        var checkout = new CheckoutPage(page);
        await Expect(checkout.Heading).ToHaveTextAsync("주문/결제");
        await KoreanField(page, "이메일").FillAsync("minji@example.kr");
        await KoreanField(page, "이름").FillAsync("김민지");
        await KoreanField(page, "전화번호").FillAsync("010-1234-5678");
        await KoreanField(page, "우편번호").FillAsync("04524");
        await KoreanField(page, "주소").FillAsync("서울특별시 중구 세종대로 110");
        await KoreanField(page, "상세주소 (선택)").FillAsync("3층");
        await Expect(checkout.Agreements).ToBeVisibleAsync();
        await checkout.AgreeToTerms.CheckAsync();
        await checkout.AgreeToPrivacy.CheckAsync();
        await Expect(checkout.PayButton).ToContainTextAsync("카카오페이로");
        await page.AssertAccessibleAsync();
        await ScreenshotAsync(page, "checkout");

        var kakaoPay = await checkout.PayAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko-KR");
        await Expect(kakaoPay.Heading).ToHaveTextAsync("결제 정보 확인");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("카카오페이");
        await page.AssertAccessibleAsync();
        await ScreenshotAsync(page, "kakaopay");

        await page.GetByRole(AriaRole.Button, new() { Name = "결제하기", Exact = true }).ClickAsync();
        await page.ArrivesAtAsync(OrderPage.Url);
        var order = new OrderPage(page);
        await Expect(order.Status).ToHaveAttributeAsync("data-status", "Paid");
        await Expect(order.Status).ToContainTextAsync("결제가 완료되었습니다");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "주문 상품" })).ToContainTextAsync(GreenTea);
        var placed = page.Locator(".order-facts time");
        await Expect(placed).ToHaveTextAsync(KoreanDateAndTime());
        await Expect(placed).ToHaveAttributeAsync("datetime", SeoulOffset());
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("UTC");
        await page.AssertAccessibleAsync();
        await ScreenshotAsync(page, "order");

        var confirmed = await App.MessageAboutAsync($"주문 {order.Number}의 결제가 완료되었습니다");
        Assert.Contains("김민지 님, 안녕하세요.", confirmed.TextBody, StringComparison.Ordinal);
        Assert.Contains($"주문 일시: {(await placed.InnerTextAsync()).Trim()}", confirmed.TextBody, StringComparison.Ordinal);
        Assert.Contains(GreenTea, confirmed.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", confirmed.TextBody, StringComparison.Ordinal);

        // The switch keeps the shopper on the order page, now in English, and takes them back.
        await order.SwitchLanguageAsync("English");
        await Expect(page).ToHaveURLAsync(OrderPage.Url);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(order.Status).ToContainTextAsync("your order is paid");
        // The order's lines keep the name the shopper bought it under.
        await Expect(order.Items).ToContainTextAsync(GreenTea);
        await Expect(page.Locator(".order-facts time")).Not.ToHaveTextAsync(KoreanDateAndTime());
        await page.AssertAccessibleAsync();

        await order.SwitchLanguageAsync("한국어");
        await Expect(page).ToHaveURLAsync(OrderPage.Url);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko-KR");
        await Expect(order.Status).ToContainTextAsync("결제가 완료되었습니다");
    }, locale: "ko-KR");

    [Fact]
    public Task The_account_pages_a_korean_shopper_uses_are_korean_and_pass_axe() => JourneyAsync(async page =>
    {
        foreach (var (path, heading) in new (string Path, string? Heading)[]
        {
            ("/Identity/Account/Register", "회원가입"),
            ("/Identity/Account/Login", "로그인"),
            ("/Identity/Account/ForgotPassword", null),
            ("/terms", null),
            ("/privacy", null),
        })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko-KR");
            if (heading is not null)
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            await page.AssertAccessibleAsync();
        }
    }, locale: "ko-KR");

    private const string GreenTea = "제주 유기농 세작 녹차";

    private static async Task<ILocator> SearchAsync(IPage page, string query)
    {
        await page.GotoAsync("/products");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "검색", Exact = true }).FillAsync(query);
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "검색", Exact = true }).ClickAsync();
        await page.ArrivesAtAsync(SearchUrl());
        return page.GetByRole(AriaRole.Main);
    }

    private static ILocator KoreanField(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    [GeneratedRegex(@"/products\?q=")]
    private static partial Regex SearchUrl();

    [GeneratedRegex("/products/jeju-sejak-green-tea$")]
    private static partial Regex GreenTeaUrl();

    [GeneratedRegex("/cart$")]
    private static partial Regex CartUrl();

    [GeneratedRegex("/checkout$")]
    private static partial Regex CheckoutUrl();

    // 2026년 12월 3일 오후 4:17, on Seoul's clock.
    [GeneratedRegex(@"^\d{4}년 \d{1,2}월 \d{1,2}일 오[전후] \d{1,2}:\d{2}$")]
    private static partial Regex KoreanDateAndTime();

    [GeneratedRegex(@"\+09:00$")]
    private static partial Regex SeoulOffset();
}
