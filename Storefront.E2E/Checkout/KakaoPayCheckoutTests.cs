using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.E2E.Infrastructure;
using Storefront.E2E.Pages;
using Storefront.Payments.Adyen;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.E2E.Checkout;

/// <summary>A guest in Korea buys with KakaoPay, through the store's Adyen sandbox, in Chromium.</summary>
public sealed partial class KakaoPayCheckoutTests(ChromiumFixture chromium, SandboxFactory app)
    : StorefrontJourney(chromium, app), IClassFixture<SandboxFactory>
{
    [Fact]
    public Task A_guest_in_Korea_pays_with_KakaoPay_and_sees_the_paid_order() => JourneyAsync(async page =>
    {
        var (checkout, productName) = await CheckoutInKoreaAsync(page, await App.StockedProductAsync());
        await Expect(checkout.KakaoPayOption).ToBeCheckedAsync();
        await Expect(checkout.KakaoPayLogo).ToBeVisibleAsync();
        await Expect(checkout.KakaoPayLogo).ToHaveAttributeAsync("src", "/images/payment-methods/kakaopay.svg");
        await Expect(checkout.KakaoPayLogo).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await checkout.KakaoPayLogo.EvaluateAsync<bool>("logo => logo.naturalWidth > 0"), "The KakaoPay logo did not load.");
        await Expect(checkout.Total).ToHaveTextAsync(WholeWon());
        var total = (await checkout.Total.InnerTextAsync()).Trim();
        await Expect(checkout.PayButton).ToHaveTextAsync($"Pay {total} with KakaoPay");
        await page.AssertAccessibleAsync();
        await ScreenshotAsync(page, "checkout");

        var kakaoPay = await checkout.PayAsync();

        await Expect(kakaoPay.Heading).ToHaveTextAsync("Confirm your payment");
        await Expect(kakaoPay.Brand).ToHaveTextAsync("KakaoPay");
        await Expect(kakaoPay.Merchant).ToHaveTextAsync(AdyenOptions.SandboxMerchantAccount);
        await Expect(kakaoPay.Amount).ToHaveTextAsync(total);
        await page.AssertAccessibleAsync();
        await ScreenshotAsync(page, "kakaopay");

        var order = await kakaoPay.ApproveAsync();

        // The journey's closing screenshot is this page.
        await Expect(order.Status).ToHaveAttributeAsync("data-status", "Paid");
        await Expect(order.Status).ToContainTextAsync("your order is paid");
        await Expect(order.Total).ToHaveTextAsync(total);
        await Expect(order.Items).ToContainTextAsync(productName);
        await page.AssertAccessibleAsync();
    });

    [Fact]
    public Task Declining_at_KakaoPay_brings_the_shopper_back_to_checkout_with_the_cart_kept() => JourneyAsync(async page =>
    {
        var (checkout, productName) = await CheckoutInKoreaAsync(page, await App.StockedProductAsync(skip: 1));
        var kakaoPay = await checkout.PayAsync();

        var backAtCheckout = await kakaoPay.DeclineAsync();

        await Expect(page).ToHaveURLAsync(RefusedCheckoutUrl());
        await Expect(backAtCheckout.PaymentNotice).ToContainTextAsync("refused");
        await Expect(backAtCheckout.PaymentNotice).ToContainTextAsync("You have not been charged");
        await Expect(backAtCheckout.PayButton).ToBeEnabledAsync();
        await ScreenshotAsync(page, "refused");

        var cart = await CartPage.OpenAsync(page);

        // The journey's closing screenshot is the cart.
        await Expect(cart.Lines).ToHaveCountAsync(1);
        await Expect(cart.LineFor(productName)).ToBeVisibleAsync();
        await Expect(cart.GoToCheckoutLink).ToBeVisibleAsync();
    });

    [Fact]
    public Task The_pay_button_shows_progress_and_cannot_be_pressed_twice() => JourneyAsync(async page =>
    {
        var (checkout, _) = await CheckoutInKoreaAsync(page, await App.StockedProductAsync(skip: 2));
        var ordersBefore = await App.WithDbAsync(db => db.Orders.CountAsync());
        var checkoutPosts = 0;
        var posted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Holds the checkout POST in the browser: the page stays as it is while the payment is being started.
        await page.RouteAsync("**/checkout", async route =>
        {
            if (route.Request.Method == "POST")
            {
                Interlocked.Increment(ref checkoutPosts);
                posted.TrySetResult();
                await release.Task;
            }
            await route.ContinueAsync();
        });
        var payButtonChange = await checkout.WatchPayButtonAsync();
        var payButton = (await checkout.PayButton.BoundingBoxAsync())!;

        var pressed = checkout.PayButton.ClickAsync();
        try
        {
            await posted.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // Expect cannot look at a page whose next page is on its way (see WatchPayButtonAsync): the page reports.
            Assert.Equal(new CheckoutPage.PayButtonState(Disabled: true, AriaBusy: "true", Text: "Processing…"),
                await payButtonChange.WaitAsync(TimeSpan.FromSeconds(10)));
            await BrowserScreenshotAsync(page, "processing");
            // The shopper presses again, where the button is.
            await page.Mouse.ClickAsync(payButton.X + payButton.Width / 2, payButton.Y + payButton.Height / 2);
        }
        finally
        {
            release.TrySetResult();
        }
        await pressed;

        await page.ArrivesAtAsync(KakaoPayPage.Url);
        await Expect(new KakaoPayPage(page).Heading).ToHaveTextAsync("Confirm your payment");
        Assert.Equal(1, checkoutPosts);
        Assert.Equal(ordersBefore + 1, await App.WithDbAsync(db => db.Orders.CountAsync()));
        var order = await App.WithDbAsync(db => db.Orders.Include(o => o.Attempts).OrderByDescending(o => o.Id).FirstAsync());
        Assert.Single(order.Attempts);
    });

    /// <summary>As a guest: South Korea in the header picker, one product into the cart, the checkout form filled in.</summary>
    private static async Task<(CheckoutPage Checkout, string ProductName)> CheckoutInKoreaAsync(IPage page, string productSlug)
    {
        var home = await HomePage.OpenAsync(page);
        await home.ChooseCountryAsync("KR");
        await Expect(home.CountryPicker).ToHaveValueAsync("KR");
        await page.AssertAccessibleAsync();

        var product = await ProductPage.OpenAsync(page, productSlug);
        var productName = (await product.Heading.InnerTextAsync()).Trim();
        await Expect(product.Price).ToHaveTextAsync(WholeWon());
        await page.AssertAccessibleAsync();
        var cart = await product.AddToCartAsync();
        await Expect(cart.LineFor(productName)).ToBeVisibleAsync();
        await Expect(cart.KakaoPayLogo).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var checkout = await cart.GoToCheckoutAsync();
        await Expect(checkout.Heading).ToHaveTextAsync("Checkout");
        await checkout.FillAsync(CheckoutPage.Shopper.InSeoul);
        return (checkout, productName);
    }

    // Won has no minor unit: "₩12,000", never "₩12,000.00".
    [GeneratedRegex(@"^₩\d{1,3}(,\d{3})*$")]
    private static partial Regex WholeWon();

    [GeneratedRegex(@"/checkout\?payment=Refused$")]
    private static partial Regex RefusedCheckoutUrl();
}
