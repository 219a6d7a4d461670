namespace Storefront.E2E.Pages;

public sealed class ProductPage(IPage page) : StorePage(page)
{
    public ILocator Price => Page.GetByRole(AriaRole.Main).GetByTestId("price").First;

    public ILocator AddToCartButton => Page.GetByRole(AriaRole.Button, new() { Name = "Add to cart", Exact = true });

    public static async Task<ProductPage> OpenAsync(IPage page, string slug)
    {
        await page.GotoAsync($"/products/{slug}");
        return new ProductPage(page);
    }

    /// <summary>Adds one to the cart; the store answers with the cart page.</summary>
    public async Task AddToCartAsync()
    {
        await AddToCartButton.ClickAsync();
        await Page.WaitForURLAsync("**/cart");
    }
}
