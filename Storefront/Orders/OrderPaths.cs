namespace Storefront.Orders;

/// <summary>Addresses of an order's pages that more than one feature links to.</summary>
public static class OrderPaths
{
    /// <summary>
    /// Another try at a signed-in shopper's order whose payment failed (the pay-again page, under the shopper's
    /// /account/orders); <paramref name="failure"/> says why the shopper is back.
    /// </summary>
    public static string PayAgain(string orderNumber, AttemptStatus? failure = null) =>
        $"/account/orders/{Uri.EscapeDataString(orderNumber)}/pay{(failure is { } status ? $"?payment={status}" : "")}";
}
