using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog;
using Storefront.Shared;

namespace Storefront.Home;

public sealed class IndexModel(CatalogService catalog, ShopperMarket shopperMarket) : PageModel
{
    public IReadOnlyList<Product> Featured { get; private set; } = [];

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Featured = await catalog.FeaturedAsync(shopperMarket.Current.Currency, cancellationToken);
        Categories = await catalog.CategoriesAsync(cancellationToken);
    }
}
