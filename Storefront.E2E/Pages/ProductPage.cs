using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;

namespace Storefront.E2E.Pages;

public sealed partial class ProductPage(IPage page) : StorePage(page)
{
    public ILocator Price => Page.GetByRole(AriaRole.Main).GetByTestId("price").First;

    public ILocator Quantity => Page.GetByLabel("Quantity", new() { Exact = true });

    public ILocator AddToCartButton => Page.GetByRole(AriaRole.Button, new() { Name = "Add to cart", Exact = true });

    public static async Task<ProductPage> OpenAsync(IPage page, string slug)
    {
        await page.GotoAsync($"/products/{slug}");
        return new ProductPage(page);
    }

    /// <summary>Presses "Add to cart"; the store shows the cart next.</summary>
    public async Task<CartPage> AddToCartAsync()
    {
        await AddToCartButton.ClickAsync();
        await Page.ArrivesAtAsync(CartUrl());
        return new CartPage(Page);
    }

    [GeneratedRegex("/cart$")]
    private static partial Regex CartUrl();
}
