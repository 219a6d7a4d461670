using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.PaymentMethods;
using Storefront.Shared;

namespace Storefront.Cart;

public sealed class CartModel(CartService carts, PaymentMethodsQuery paymentMethods, ShopperMarket shopperMarket, StorefrontDbContext db,
    IStringLocalizer<CartModel> texts) : PageModel
{
    public PricedCart Cart { get; private set; } = null!;

    public PaymentMethodsResult PaymentMethods { get; private set; } = PaymentMethodsResult.None;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Cart = await carts.PriceAsync(await carts.FindAsync(cancellationToken), shopperMarket.Current, cancellationToken);
        if (Cart.CanCheckout)
            PaymentMethods = await paymentMethods.ForAsync(Cart.Market, Cart.Total, CartService.UserId(User), cancellationToken);
    }

    public async Task<IActionResult> OnPostAddAsync(string? slug, int quantity = 1, CancellationToken cancellationToken = default)
    {
        if (!ModelState.IsValid || quantity is < 1 or > ShoppingCart.MaxQuantityPerLine)
            return BadRequest();
        var productId = await db.Products.Where(p => p.Slug == slug && p.IsPublished).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (productId is null)
            return NotFound();
        Message = await carts.AddAsync(productId.Value, quantity, cancellationToken) switch
        {
            CartChange.OutOfStock => texts["Sorry, that product is out of stock."],
            CartChange.LimitedByStock => texts["We added as many as we have in stock."],
            _ => texts["Added to your cart."],
        };
        return new SeeOtherResult("/cart");
    }

    public async Task<IActionResult> OnPostUpdateAsync(int productId, int quantity, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || quantity is < 0 or > ShoppingCart.MaxQuantityPerLine)
        {
            Message = texts["Choose a quantity from 0 to {0}.", ShoppingCart.MaxQuantityPerLine];
            return new SeeOtherResult("/cart");
        }
        var change = await carts.SetQuantityAsync(productId, quantity, cancellationToken);
        Message = change switch
        {
            CartChange.LimitedByStock => texts["We have fewer in stock than you asked for; your cart has what we have."],
            CartChange.UnknownProduct => texts["That item is no longer in your cart."],
            _ => texts["Cart updated."],
        };
        return new SeeOtherResult("/cart");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int productId, CancellationToken cancellationToken)
    {
        await carts.RemoveAsync(productId, cancellationToken);
        Message = texts["Removed from your cart."];
        return new SeeOtherResult("/cart");
    }
}
