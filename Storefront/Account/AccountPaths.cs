using Storefront.Orders;

namespace Storefront.Account;

/// <summary>The signed-in shopper's pages under /account.</summary>
public static class AccountPaths
{
    public const string Orders = "/account/orders";

    public const string PaymentMethods = "/account/payment-methods";

    public static string Reorder(string orderNumber) => $"{Orders}/{Uri.EscapeDataString(orderNumber)}/reorder";

    /// <summary>Another try at an order whose payment failed; <paramref name="failure"/> says why the shopper is back.</summary>
    public static string PayOrder(string orderNumber, AttemptStatus? failure = null) =>
        $"{Orders}/{Uri.EscapeDataString(orderNumber)}/pay{(failure is { } status ? $"?payment={status}" : "")}";
}
