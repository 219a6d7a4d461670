using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Cart;
using Storefront.Checkout;
using Storefront.Shared;

namespace Storefront.Account;

/// <summary>
/// Reorder one of the user's orders: its lines at today's prices and stock, what changed, and how to pay: in one
/// step with the saved KakaoPay, by KakaoPay redirect, or through the cart.
/// </summary>
[Authorize]
public sealed class ReorderModel(CheckoutService checkout, CartService carts, ShopperMarket shopperMarket) : PageModel
{
    public ReorderQuote Quote { get; private set; } = null!;

    public PaymentMethodsResult PaymentMethods { get; private set; } = new([], false);

    /// <summary>One-time key for the payment forms: a double submit replays the first payment.</summary>
    public string SubmitKey { get; private set; } = "";

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(string number, [Required] string? paymentMethod,
        [Required, RegularExpression(SubmitKeys.Pattern)] string? submitKey, [Required] string? quote, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();
        var outcome = await checkout.ReorderAsync(number, paymentMethod!, submitKey!, quote!, User, Request, cancellationToken);
        if (this.Navigate(outcome) is { } next)
            return next;
        Problem = ((CheckoutOutcome.Problem)outcome).Message;
        return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The normal way instead: today's available lines go into the cart, in the order's country, then checkout.</summary>
    public async Task<IActionResult> OnPostCartAsync(string number, CancellationToken cancellationToken)
    {
        if (await checkout.QuoteReorderAsync(number, User, cancellationToken) is not { } quote)
            return NotFound();
        shopperMarket.Remember(Response, quote.Market);
        foreach (var line in quote.Available)
            await carts.AddAsync(line.Product!.Id, line.Quantity, cancellationToken);
        return new SeeOtherResult(quote.CanOrder ? "/checkout" : "/cart");
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        if (await checkout.QuoteReorderAsync(number, User, cancellationToken) is not { } quote)
            return false;
        Quote = quote;
        PaymentMethods = await checkout.PaymentMethodsAsync(quote, User, cancellationToken);
        SubmitKey = SubmitKeys.New();
        return true;
    }
}
