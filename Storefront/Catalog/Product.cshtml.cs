using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Shared;

namespace Storefront.Catalog;

public sealed class ProductModel(CatalogService catalog, ShopperMarket shopperMarket) : PageModel
{
    public Product Product { get; private set; } = null!;

    public StockStatus Stock => StockStatus.Of(Product.Stock);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await catalog.FindPublishedAsync(slug, shopperMarket.Current.Currency, cancellationToken) is not { } product)
            return NotFound();
        Product = product;
        return Page();
    }
}
