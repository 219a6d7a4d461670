using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Account;
using Storefront.Localization;
using Storefront.Orders;
using Storefront.PaymentMethods;
using Storefront.Shared;

namespace Storefront.Checkout;

/// <summary>
/// Another try at one of the shopper's orders whose payment just failed, by the same order
/// (F17, docs/payment-failure-modes.md), under /account: where a refused saved KakaoPay lands, offering the KakaoPay
/// redirect instead.
/// </summary>
[Authorize]
public sealed class PayOrderModel(
    OrderPlacement placement, ShopperOrders shopperOrders, PaymentMethodsQuery paymentMethods, OrderLinks links, UserManager<Shopper> users,
    IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    public Order Order { get; private set; } = null!;

    public bool CanPayAgain { get; private set; }

    public PaymentMethodsResult PaymentMethods { get; private set; } = PaymentMethodsResult.None;

    public string SubmitKey { get; private set; } = "";

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, string? payment, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        Message = payment switch
        {
            nameof(AttemptStatus.Refused) => localizer["Your payment was refused. You have not been charged."].Value,
            nameof(AttemptStatus.Cancelled) => localizer["You cancelled the payment. You have not been charged."].Value,
            nameof(AttemptStatus.Error) or nameof(AttemptStatus.Expired) => localizer["The payment could not be completed. You have not been charged."].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string number, [Required] string? paymentMethod,
        [Required, RegularExpression(SubmitKeys.Pattern)] string? submitKey, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BadRequest();
        var outcome = await placement.PlaceAsync(new OrderSource.PayAgain(number), paymentMethod!, submitKey!, Payer.Of(HttpContext, links),
            cancellationToken);
        if (this.Navigate(outcome) is { } next)
            return next;
        Message = ((CheckoutOutcome.Problem)outcome).Message;
        return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        var shopperId = users.GetUserId(User);
        if (await shopperOrders.FindAsync(number, shopperId, cancellationToken) is not { } order)
            return false;
        Order = order;
        CanPayAgain = shopperOrders.CanPayAgain(order);
        if (CanPayAgain && Market.Find(order.Country) is { } market)
            PaymentMethods = await paymentMethods.ForAsync(market, order.Total, shopperId, cancellationToken);
        SubmitKey = SubmitKeys.New();
        return true;
    }
}
