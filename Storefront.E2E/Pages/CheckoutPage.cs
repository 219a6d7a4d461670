namespace Storefront.E2E.Pages;

/// <summary>/checkout: contact, address, payment method, and the signed-in shopper's "Save KakaoPay".</summary>
public sealed class CheckoutPage(IPage page) : StorePage(page)
{
    public ILocator SaveKakaoPay => Page.GetByRole(AriaRole.Checkbox, new() { Name = "Save KakaoPay for faster checkout" });

    public ILocator PayButton => Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay ") });

    public static async Task<CheckoutPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/checkout");
        return new CheckoutPage(page);
    }

    public async Task FillKoreanAddressAsync()
    {
        await Page.GetByLabel("Full name").FillAsync("Kim Minji");
        await Page.GetByLabel("Phone").FillAsync("+82 10 1234 5678");
        await Page.GetByLabel("Address", new() { Exact = true }).FillAsync("12 Sejong-daero, Jung-gu");
        await Page.GetByLabel("City").FillAsync("Seoul");
        await Page.GetByLabel("Postal code").FillAsync("04524");
    }

    /// <summary>Presses Pay and follows the store's redirect to KakaoPay.</summary>
    public async Task<KakaoPaySandboxPage> PayWithKakaoPayAsync()
    {
        await PayButton.ClickAsync();
        await Page.WaitForURLAsync("**/sandbox/adyen/checkoutshopper/**");
        return new KakaoPaySandboxPage(Page);
    }
}
