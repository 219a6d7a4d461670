using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;

namespace Storefront.E2E.Pages;

public sealed partial class HomePage(IPage page) : StorePage(page)
{
    public ILocator ProductCards => Page.Locator("article.product-card");

    public static async Task<HomePage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/");
        return new HomePage(page);
    }

    /// <summary>Follows the name link of the first product card; returns the product page and the name it showed.</summary>
    public async Task<(ProductPage Product, string Name)> OpenFirstProductAsync()
    {
        var nameLink = ProductCards.First.GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = AnyText() }).First;
        var name = (await nameLink.InnerTextAsync()).Trim();
        await nameLink.ClickAsync();
        await Page.ArrivesAtAsync(ProductUrl());
        return (new ProductPage(Page), name);
    }

    [GeneratedRegex(@"\S")]
    private static partial Regex AnyText();

    [GeneratedRegex(@"/products/[^/?#]+$")]
    private static partial Regex ProductUrl();
}
