using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;

namespace Storefront.E2E.Pages;

public sealed partial class CartPage(IPage page) : StorePage(page)
{
    public ILocator Lines => Page.Locator("tr.cart-line");

    public ILocator Total => Page.GetByTestId("cart-total");

    public ILocator PaymentMethods => Page.GetByRole(AriaRole.Region, new() { Name = "We accept" });

    public ILocator KakaoPayLogo => PaymentMethods.GetByRole(AriaRole.Img, new() { Name = "KakaoPay", Exact = true });

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
