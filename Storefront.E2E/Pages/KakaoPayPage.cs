using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;

namespace Storefront.E2E.Pages;

/// <summary>The Adyen sandbox's KakaoPay approval page: not the store's layout, the "payment provider's" own.</summary>
public sealed partial class KakaoPayPage(IPage page)
{
    public static readonly Regex Url = ApprovalUrl();

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Brand => Page.Locator(".brand");

    public ILocator Merchant => Page.Locator("#merchant");

    public ILocator Amount => Page.Locator("#amount");

    /// <summary>Shown when the store asked to save KakaoPay: the shopper must agree before approving.</summary>
    public ILocator ConsentToSave => Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Save KakaoPay for future payments") });

    public ILocator ApproveButton => Button("Approve");

    public ILocator DeclineButton => Button("Decline");

    public ILocator CancelButton => Button("Cancel");

    /// <summary>Approves; KakaoPay sends the shopper back to the store, which shows the order.</summary>
    public async Task<OrderPage> ApproveAsync()
    {
        await ApproveButton.ClickAsync();
        await Page.ArrivesAtAsync(OrderPage.Url);
        return new OrderPage(Page);
    }

    /// <summary>Declines; the store takes the shopper back to checkout.</summary>
    public async Task<CheckoutPage> DeclineAsync()
    {
        await DeclineButton.ClickAsync();
        await Page.ArrivesAtAsync(BackAtCheckout());
        return new CheckoutPage(Page);
    }

    private ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [GeneratedRegex(@"/sandbox/adyen/checkoutshopper/redirect(\?|$)")]
    private static partial Regex ApprovalUrl();

    [GeneratedRegex(@"/checkout\?payment=")]
    private static partial Regex BackAtCheckout();
}
