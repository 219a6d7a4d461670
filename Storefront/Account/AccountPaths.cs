namespace Storefront.Account;

/// <summary>The signed-in shopper's pages under /account.</summary>
public static class AccountPaths
{
    public const string Orders = "/account/orders";

    public const string PaymentMethods = "/account/payment-methods";

    public static string Reorder(string orderNumber) => $"{Orders}/{Uri.EscapeDataString(orderNumber)}/reorder";
}
