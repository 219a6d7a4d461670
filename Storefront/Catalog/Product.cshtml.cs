using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Localization;
using Storefront.Shared;
using Storefront.Shipping;

namespace Storefront.Catalog;

public sealed class ProductModel(CatalogService catalog, CatalogEditor editor, ShopperMarket shopperMarket, ShippingFees shipping,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Product Product { get; private set; } = null!;

    /// <summary>The order total from which the shopper's market ships free; null when it always or never does.</summary>
    public Money? FreeShippingFrom => shipping.FreeFrom(shopperMarket.Current.Currency);

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
