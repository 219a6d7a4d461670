using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;
using Storefront.E2E.Pages;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.E2E.Admin;

/// <summary>
/// The catalog from the merchandiser's side to the shopper's and back: a product made in the admin area is found by
/// a Korean shopper under its Korean name and bought with KakaoPay; archived, it is gone from the shop while the
/// shopper's order keeps its line.
/// </summary>
public sealed partial class CatalogJourneyTests(ChromiumFixture chromium, SandboxFactory app)
    : StorefrontJourney(chromium, app), IClassFixture<SandboxFactory>
{
    private const string KoreanName = "한라봉 녹차 블렌드";
    private const string EnglishName = "Hallabong Green Tea Blend";

    [Fact]
    public Task A_product_made_by_the_merchandiser_is_bought_by_a_korean_shopper_and_archived_without_losing_the_order() =>
        JourneyAsync(async admin =>
        {
            await LogInAsMerchandiserAsync(admin);
            await admin.GotoAsync("/admin/products/new");
            await admin.GetByLabel("Name (Korean)").FillAsync(KoreanName);
            await admin.GetByLabel("Name (English)").FillAsync(EnglishName);
            await admin.GetByLabel("Description (Korean)").FillAsync("제주 한라봉 껍질을 더한 녹차입니다.");
            await admin.GetByLabel("Description (English)").FillAsync("Green tea with Jeju hallabong peel.");
            await admin.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await admin.Locator("#price-KRW").FillAsync("15000");
            await admin.GetByLabel("Stock", new() { Exact = true }).FillAsync("5");
            await admin.GetByLabel("Published: shoppers can find and buy it").CheckAsync();
            await admin.AssertAccessibleAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();
            await admin.ArrivesAtAsync(EditUrl());
            var editUrl = admin.Url;
            await Expect(admin.GetByTestId("stock")).ToHaveTextAsync("5");
            var productLink = admin.GetByRole(AriaRole.Link, new() { Name = "Published: see it in the shop" });
            var productPath = await productLink.GetAttributeAsync("href");
            Assert.Equal("/products/hallabong-green-tea-blend", productPath);
            await ScreenshotAsync(admin, "created");

            // A shopper in Korea, in a browser of their own.
            await using var shopperContext = await admin.Context.Browser!.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = App.BaseAddress.ToString(),
                Locale = "ko-KR",
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "ko-KR" },
            });
            var shop = await shopperContext.NewPageAsync();
            await shop.GotoAsync("/products");
            await shop.GetByRole(AriaRole.Searchbox, new() { Name = "검색", Exact = true }).FillAsync("한라봉");
            await shop.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "검색", Exact = true }).ClickAsync();
            await shop.ArrivesAtAsync(SearchUrl());
            await shop.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = KoreanName, Exact = true }).First.ClickAsync();
            await Expect(shop.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(KoreanName);
            await Expect(shop.GetByRole(AriaRole.Main)).ToContainTextAsync("₩15,000");

            await shop.GetByRole(AriaRole.Button, new() { Name = "장바구니 담기", Exact = true }).ClickAsync();
            await shop.ArrivesAtAsync(CartUrl());
            await shop.GetByRole(AriaRole.Link, new() { Name = "주문하기", Exact = true }).ClickAsync();
            await shop.ArrivesAtAsync(CheckoutUrl());
            await shop.GetByLabel("이메일", new() { Exact = true }).FillAsync("jiwoo@example.kr");
            await shop.GetByLabel("이름", new() { Exact = true }).FillAsync("이지우");
            await shop.GetByLabel("전화번호", new() { Exact = true }).FillAsync("010-2345-6789");
            await shop.GetByLabel("우편번호", new() { Exact = true }).FillAsync("63122");
            await shop.GetByLabel("주소", new() { Exact = true }).FillAsync("제주특별자치도 제주시 문연로 6");
            var checkout = new CheckoutPage(shop);
            await checkout.AgreeToTerms.CheckAsync();
            await checkout.AgreeToPrivacy.CheckAsync();
            await checkout.PayAsync();
            await shop.GetByRole(AriaRole.Button, new() { Name = "결제하기", Exact = true }).ClickAsync();
            await shop.ArrivesAtAsync(OrderPage.Url);
            var order = new OrderPage(shop);
            await Expect(order.Status).ToHaveAttributeAsync("data-status", "Paid");
            var orderUrl = shop.Url;

            // The sale took its unit from the stock the merchandiser set.
            await admin.GotoAsync(editUrl);
            await Expect(admin.GetByTestId("stock")).ToHaveTextAsync("4");

            await admin.Locator("#archive-form").GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
            await Expect(admin.GetByTestId("state")).ToHaveTextAsync("Archived");
            await ScreenshotAsync(admin, "archived");

            var gone = await shop.GotoAsync(productPath!);
            Assert.Equal(404, gone!.Status);
            await shop.GotoAsync(orderUrl);
            await Expect(shop.GetByRole(AriaRole.Main)).ToContainTextAsync(KoreanName);
            await Expect(shop.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "Paid");
        });


    [GeneratedRegex(@"/admin/products/\d+(\?|$)")]
    private static partial Regex EditUrl();

    [GeneratedRegex(@"/products\?q=")]
    private static partial Regex SearchUrl();

    [GeneratedRegex("/cart$")]
    private static partial Regex CartUrl();

    [GeneratedRegex("/checkout$")]
    private static partial Regex CheckoutUrl();
}
