using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;

namespace Storefront.E2E.Pages;

public sealed partial class CartPage(IPage page) : StorePage(page)
{
    public ILocator Lines => Page.Locator("tr.cart-line");

    public ILocator Total => Page.GetByTestId("cart-total");

    public ILocator PaymentMethods => Page.GetByRole(AriaRole.Region, new() { Name = "We accept" });

    /// <summary>Decoration beside the name KakaoPay (alt=""), so found by its file rather than by a role.</summary>
    public ILocator KakaoPayLogo => PaymentMethods.Locator("img[src='/images/payment-methods/kakaopay.svg']");

    public ILocator GoToCheckoutLink => Page.GetByRole(AriaRole.Link, new() { Name = "Go to checkout", Exact = true });

    public static async Task<CartPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/cart");
        return new CartPage(page);
    }

    public ILocator LineFor(string productName) => Lines.Filter(new() { HasText = productName });

    public async Task<CheckoutPage> GoToCheckoutAsync()
    {
        await GoToCheckoutLink.ClickAsync();
        await Page.ArrivesAtAsync(CheckoutUrl());
        return new CheckoutPage(Page);
    }

    [GeneratedRegex("/checkout$")]
    private static partial Regex CheckoutUrl();
}
