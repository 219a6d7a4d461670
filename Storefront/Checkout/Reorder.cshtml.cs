using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Cart;
using Storefront.Legal;
using Storefront.Orders;
using Storefront.PaymentMethods;
using Storefront.Shared;

namespace Storefront.Checkout;

/// <summary>
/// Reorder one of the shopper's orders (under /account): its lines at today's prices and stock, what changed, and how
/// to pay: in one step with the saved KakaoPay, by KakaoPay redirect, or through the cart.
/// </summary>
[Authorize]
public sealed class ReorderModel(
    OrderPlacement placement, PaymentMethodsQuery paymentMethods, CartService carts, OrderLinks links, ShopperMarket shopperMarket,
    LegalTexts legalTexts) : PageModel
{
    public ReorderQuote Quote { get; private set; } = null!;

    public PaymentMethodsResult PaymentMethods { get; private set; } = PaymentMethodsResult.None;

    /// <summary>One-time key for the payment forms: a double submit replays the first payment.</summary>
    public string SubmitKey { get; private set; } = "";

    public string? Problem { get; private set; }

    public LegalTexts LegalTexts => legalTexts;

    /// <summary>Korea asks for the two agreements before paying, here as at checkout.</summary>
    public bool AsksForAgreements => Quote.Market.Country == "KR";

    private string? ShopperId => CartService.UserId(User);

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(string number, [Required] string? paymentMethod,
        [Required, RegularExpression(SubmitKeys.Pattern)] string? submitKey, [Required] string? quote, bool agreeToTerms, bool agreeToPrivacy, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();
        // Recorded only when both were ticked; the placement refuses a Korean order without them.
        var agreements = agreeToTerms && agreeToPrivacy ? new OrderAgreements(legalTexts.TermsVersion, legalTexts.PrivacyVersion) : null;
        var outcome = await placement.PlaceAsync(new OrderSource.Reorder(number, quote!, agreements), paymentMethod!, submitKey!, Payer.Of(HttpContext, links),
            cancellationToken);
        if (this.Navigate(outcome) is { } next)
            return next;
        Problem = ((CheckoutOutcome.Problem)outcome).Message;
        return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The normal way instead: today's available lines go into the cart, in the order's country, then checkout.</summary>
    public async Task<IActionResult> OnPostCartAsync(string number, CancellationToken cancellationToken)
    {
        if (await placement.QuoteReorderAsync(number, ShopperId, cancellationToken) is not { } quote)
            return NotFound();
        shopperMarket.Remember(Response, quote.Market);
        foreach (var line in quote.Available)
            await carts.AddAsync(line.Product!.Id, line.Quantity, cancellationToken);
        return new SeeOtherResult(quote.CanOrder ? "/checkout" : "/cart");
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        if (await placement.QuoteReorderAsync(number, ShopperId, cancellationToken) is not { } quote)
            return false;
        Quote = quote;
        PaymentMethods = await paymentMethods.ForAsync(quote.Market, quote.Total, ShopperId, cancellationToken);
        SubmitKey = SubmitKeys.New();
        return true;
    }
}
