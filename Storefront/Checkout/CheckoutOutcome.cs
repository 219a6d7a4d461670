using Storefront.Payments.Adyen;

namespace Storefront.Checkout;

/// <summary>Where a payment form's POST sends the shopper next.</summary>
public abstract record CheckoutOutcome
{
    /// <summary>To KakaoPay: a 303 for a GET action, an auto-submitted form for a POST action.</summary>
    public sealed record RedirectToPayment(CheckoutAction Action) : CheckoutOutcome;

    public sealed record ShowOrder(string Path) : CheckoutOutcome;

    /// <summary>
    /// A payment with a saved method did not go through: nothing was charged, the order's stock is released, and the
    /// same order can be paid by redirect instead.
    /// </summary>
    public sealed record SavedMethodFailed(string OrderNumber) : CheckoutOutcome;

    /// <summary>Not this shopper's order (or form): nothing was done, and nothing about it is shown.</summary>
    public sealed record NotFound : CheckoutOutcome;

    /// <summary>Back to the form with a message; nothing was charged.</summary>
    public sealed record Problem(string Message) : CheckoutOutcome;
}
