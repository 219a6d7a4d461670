using Storefront.E2E.Infrastructure;
using Storefront.E2E.Pages;
using Storefront.Tests.Infrastructure;

namespace Storefront.E2E.Account;

/// <summary>
/// A shopper registers (confirming the address from the e-mail), saves KakaoPay while paying, reorders in one click
/// with it, then removes it. The token reaches the store by webhook (or when the account page reconciles with Adyen), so
/// the account page is given time.
/// </summary>
public sealed class SavedKakaoPayTests(ChromiumFixture chromium, StorefrontFactory app)
    : StorefrontJourney(chromium, app), IClassFixture<StorefrontFactory>
{
    /// <summary>Generous: the token webhook is delivered asynchronously, with Adyen's retries.</summary>
    private const float TokenArrival = 60_000;

    [Fact]
    public Task A_shopper_saves_kakaopay_reorders_in_one_click_and_removes_it() => JourneyAsync(async page =>
    {
        var email = AccountSteps.NewEmail();
        var register = await RegisterPage.OpenAsync(page);
        await register.RegisterAsync(email, AccountSteps.Password);
        await Expect(register.Heading).ToHaveTextAsync("Check your e-mail");
        await page.AssertAccessibleAsync();
        // The shopper opens the confirmation link from their mailbox, then logs in.
        await page.GotoAsync((await App.ConfirmationLinkAsync(email)).PathAndQuery);
        await Expect(page.GetByText("Thank you for confirming your email")).ToBeVisibleAsync();
        await page.GotoAsync("/Identity/Account/Login");
        await new LoginPage(page).LogInAsync(email, AccountSteps.Password);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = email })).ToBeVisibleAsync();
        await register.ChooseCountryAsync("KR");

        var product = await ProductPage.OpenAsync(page, await App.StockedProductAsync());
        await product.AddToCartAsync();
        var checkout = await CheckoutPage.OpenAsync(page);
        await Expect(checkout.SaveKakaoPay).Not.ToBeCheckedAsync();
        await checkout.FillAsync(CheckoutPage.Shopper.InSeoul);
        await checkout.SaveKakaoPay.CheckAsync();
        await Screenshot(page, "1-checkout-save-kakaopay");
        var kakaoPay = await checkout.PayAsync();

        await Expect(kakaoPay.Heading).ToHaveTextAsync("Confirm your payment");
        await kakaoPay.ConsentToSave.CheckAsync();
        await Screenshot(page, "2-kakaopay-consent");
        var firstOrder = await kakaoPay.ApproveAsync();
        await Expect(firstOrder.Status).ToHaveAttributeAsync("data-status", "Paid");
        var firstNumber = firstOrder.Number;
        var firstTotal = (await firstOrder.Total.InnerTextAsync()).Trim();

        var methods = await SavedPaymentMethodsPage.OpenAsync(page);
        await Expect(methods.SavedKakaoPay).ToBeVisibleAsync(new() { Timeout = TokenArrival });
        await Expect(methods.SavedKakaoPay).ToContainTextAsync("Not used yet");
        await Screenshot(page, "3-kakaopay-saved");

        var history = await OrderHistoryPage.OpenFromHeaderAsync(page);
        await Expect(history.Rows).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        var reorder = await history.ReorderAsync(firstNumber);
        await Expect(reorder.Total).ToHaveTextAsync(firstTotal);
        await Screenshot(page, "4-reorder");
        var secondOrder = await reorder.PayWithSavedKakaoPayAsync();
        await Expect(secondOrder.Status).ToHaveAttributeAsync("data-status", "Paid");
        Assert.NotEqual(firstNumber, secondOrder.Number);
        Assert.DoesNotContain("/sandbox/", page.Url, StringComparison.Ordinal);
        await Screenshot(page, "5-reorder-paid");

        methods = await SavedPaymentMethodsPage.OpenAsync(page);
        await Expect(methods.SavedKakaoPay).Not.ToContainTextAsync("Not used yet");
        await methods.RemoveKakaoPayAsync();
        await Expect(methods.Notice).ToContainTextAsync("Removed");
        await Expect(methods.SavedMethods).ToHaveCountAsync(0);
    });

    /// <summary>Every page the journey stops to show is checked with axe too.</summary>
    private static async Task Screenshot(IPage page, string step)
    {
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EArtifacts.PathFor($"{nameof(SavedKakaoPayTests)}.{step}.png"), FullPage = true });
    }
}
