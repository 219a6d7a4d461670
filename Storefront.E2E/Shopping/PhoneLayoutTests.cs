using Storefront.E2E.Infrastructure;
using Storefront.E2E.Pages;
using Storefront.Tests.Infrastructure;

namespace Storefront.E2E.Shopping;

/// <summary>
/// The shopper's pages on a phone 390 px wide: none scrolls sideways, from the product list to a reorder, for a
/// shopper who registers, saves KakaoPay while paying and comes back to their orders.
/// </summary>
public sealed class PhoneLayoutTests(ChromiumFixture chromium, StorefrontFactory app)
    : StorefrontJourney(chromium, app), IClassFixture<StorefrontFactory>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Generous: the token webhook is delivered asynchronously, with Adyen's retries.</summary>
    private const float TokenArrival = 60_000;

    [Fact]
    public Task No_shopper_page_scrolls_sideways_on_a_phone() => JourneyAsync(async page =>
    {
        var email = AccountSteps.NewEmail();
        var register = await RegisterPage.OpenAsync(page);
        await page.AssertNoHorizontalOverflowAsync();
        await register.RegisterAsync(email, AccountSteps.Password);
        await page.GotoAsync((await App.ConfirmationLinkAsync(email)).PathAndQuery);
        await page.GotoAsync("/Identity/Account/Login");
        await page.AssertNoHorizontalOverflowAsync();
        await new LoginPage(page).LogInAsync(email, AccountSteps.Password);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = email })).ToBeAttachedAsync();
        await register.ChooseCountryAsync("KR");
        await page.AssertNoHorizontalOverflowAsync();

        await page.GotoAsync("/products");
        await page.AssertNoHorizontalOverflowAsync();
        var product = await ProductPage.OpenAsync(page, await App.StockedProductAsync());
        await page.AssertNoHorizontalOverflowAsync();
        await product.AddToCartAsync();
        await page.AssertNoHorizontalOverflowAsync();
        await ScreenshotAsync(page, "cart");

        var checkout = await CheckoutPage.OpenAsync(page);
        await checkout.FillAsync(CheckoutPage.Shopper.InSeoul);
        await checkout.SaveKakaoPay.CheckAsync();
        await page.AssertNoHorizontalOverflowAsync();
        // On a phone the shopper reads what they pay for before the button that pays.
        var summary = await page.GetByTestId("checkout-total").BoundingBoxAsync();
        var pay = await checkout.PayButton.BoundingBoxAsync();
        Assert.True(summary!.Y < pay!.Y, $"The order summary (y {summary.Y}) is below the pay button (y {pay.Y}).");
        await ScreenshotAsync(page, "checkout");
        var kakaoPay = await checkout.PayAsync();
        await kakaoPay.ConsentToSave.CheckAsync();
        var order = await kakaoPay.ApproveAsync();
        await Expect(order.Status).ToHaveAttributeAsync("data-status", "Paid");
        var number = order.Number;
        await page.AssertNoHorizontalOverflowAsync();
        await ScreenshotAsync(page, "order");

        var methods = await SavedPaymentMethodsPage.OpenAsync(page);
        await Expect(methods.SavedKakaoPay).ToBeVisibleAsync(new() { Timeout = TokenArrival });
        await page.AssertNoHorizontalOverflowAsync();

        await page.GotoAsync("/account/orders");
        await page.AssertNoHorizontalOverflowAsync();
        await ScreenshotAsync(page, "orders");
        await page.GotoAsync($"/account/orders/{number}/reorder");
        await Expect(new ReorderPage(page).Total).ToBeVisibleAsync();
        await page.AssertNoHorizontalOverflowAsync();
        await ScreenshotAsync(page, "reorder");
    }, viewport: Phone);
}
