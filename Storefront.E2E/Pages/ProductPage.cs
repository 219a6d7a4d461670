namespace Storefront.E2E.Pages;

public sealed class ProductPage(IPage page) : StorePage(page)
{
    public ILocator Price => Page.GetByRole(AriaRole.Main).GetByTestId("price").First;
}
