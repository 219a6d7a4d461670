using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Checkout;

public static class CheckoutOutcomeResults
{
    /// <summary>
    /// Where a payment started from an account page sends the shopper: to KakaoPay (a 303, or the auto-submitted form
    /// for a POST action), to the order, or, when a saved method failed, to the order's payment page to pay by
    /// redirect instead. Null for a <see cref="CheckoutOutcome.Problem"/>, which the page shows itself.
    /// </summary>
    public static IActionResult? Navigate(this PageModel page, CheckoutOutcome outcome) => outcome switch
    {
        CheckoutOutcome.RedirectToPayment { Action.IsPostRedirect: true } post => page.Partial("/Checkout/_PostRedirect.cshtml", post.Action),
        CheckoutOutcome.RedirectToPayment get => new SeeOtherResult(get.Action.Url!),
        CheckoutOutcome.ShowOrder show => new SeeOtherResult(show.Path),
        CheckoutOutcome.SavedMethodFailed failed => new SeeOtherResult(OrderPaths.PayAgain(failed.OrderNumber, AttemptStatus.Refused)),
        CheckoutOutcome.NotFound => page.NotFound(),
        CheckoutOutcome.Problem => null,
        _ => throw new InvalidOperationException($"Unexpected checkout outcome {outcome}."),
    };
}
