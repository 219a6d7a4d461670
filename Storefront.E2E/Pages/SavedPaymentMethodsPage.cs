using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;

namespace Storefront.E2E.Pages;

/// <summary>/account/payment-methods: the saved KakaoPay, and Remove.</summary>
public sealed partial class SavedPaymentMethodsPage(IPage page) : StorePage(page)
{
    public ILocator SavedMethods => Page.GetByTestId("saved-method");

    public ILocator SavedKakaoPay => SavedMethods.Filter(new() { HasText = "KakaoPay" });

    public ILocator BeingSaved => Page.GetByTestId("being-saved");

    public ILocator Notice => Page.GetByRole(AriaRole.Status);

    public ILocator RemoveButton => SavedKakaoPay.GetByRole(AriaRole.Button, new() { NameRegex = RemoveKakaoPay() });

    public static async Task<SavedPaymentMethodsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/account/payment-methods");
        return new SavedPaymentMethodsPage(page);
    }

    public async Task RemoveKakaoPayAsync()
    {
        await RemoveButton.ClickAsync();
        await Page.ArrivesAtAsync(AfterRemoval());
    }

    [GeneratedRegex("^Remove KakaoPay")]
    private static partial Regex RemoveKakaoPay();

    [GeneratedRegex(@"/account/payment-methods\?removed=")]
    private static partial Regex AfterRemoval();
}
