namespace Storefront.E2E.Pages;

/// <summary>The Adyen sandbox's KakaoPay page: approve, decline or cancel, and the consent to save KakaoPay.</summary>
public sealed class KakaoPaySandboxPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator ConsentToSave => Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Save KakaoPay for future payments") });

    public ILocator ApproveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true });

    /// <summary>Approves and follows the way back to the store's order page.</summary>
    public async Task<OrderPage> ApproveAsync()
    {
        await ApproveButton.ClickAsync();
        await Page.WaitForURLAsync("**/orders/SF-*");
        return new OrderPage(Page);
    }
}
