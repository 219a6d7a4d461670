using Storefront.Cart;
using Storefront.Orders;

namespace Storefront.Checkout;

/// <summary>
/// Who is paying and from where, read from the request by the page: the signed-in shopper's id (null for a guest),
/// the shop's base URL for Adyen's returnUrl, and the shopper's IP address for Adyen's risk checks. The placement and
/// the payment starter take this, never the request itself.
/// </summary>
public sealed record Payer(string? ShopperId, string BaseUrl, string? IpAddress)
{
    public static Payer Of(HttpContext http, OrderLinks links) =>
        new(CartService.UserId(http.User), links.BaseUrl(http.Request), http.Connection.RemoteIpAddress?.ToString());
}
