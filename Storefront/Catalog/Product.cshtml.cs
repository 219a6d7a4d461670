using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Catalog;

public sealed class ProductModel(CatalogService catalog, CatalogEditor editor, ShopperMarket shopperMarket, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Product Product { get; private set; } = null!;

    public StockStatus Stock => StockStatus.Of(Product.Stock, localizer);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await catalog.FindPublishedAsync(slug, shopperMarket.Current.Currency, cancellationToken) is not { } product)
        {
            // A slug the product had before: shared links keep working, and search engines learn the new address.
            return await editor.RedirectedSlugAsync(slug, cancellationToken) is { } current && current != slug
                ? RedirectPermanent($"/products/{Uri.EscapeDataString(current)}{Request.QueryString}")
                : NotFound();
        }
        Product = product;
        return Page();
    }
}
