namespace Storefront.E2E.Pages;

/// <summary>/account/payment-methods: the saved KakaoPay, and Remove.</summary>
public sealed class SavedPaymentMethodsPage(IPage page) : StorePage(page)
{
    public ILocator SavedMethods => Page.GetByTestId("saved-method");

    public ILocator SavedKakaoPay => SavedMethods.Filter(new() { HasText = "KakaoPay" });

    public ILocator BeingSaved => Page.GetByTestId("being-saved");

    public ILocator Notice => Page.GetByRole(AriaRole.Status);

    public ILocator RemoveButton => SavedKakaoPay.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Remove KakaoPay") });

    public static async Task<SavedPaymentMethodsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/account/payment-methods");
        return new SavedPaymentMethodsPage(page);
    }

    public async Task RemoveKakaoPayAsync()
    {
        await RemoveButton.ClickAsync();
        await Page.WaitForURLAsync("**/account/payment-methods?removed=*");
    }
}
