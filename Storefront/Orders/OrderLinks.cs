using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>
/// Signed links that work without a session or a log-in: Adyen's returnUrl (KakaoPay may bring the shopper
/// back in another browser) and the guest's link to their order, which lasts <c>Orders:LinkLifetime</c> from when it
/// was made (a guest can ask for a fresh one at <c>/orders/link</c>). Signed with the Data Protection keys kept in the
/// database, so every web node can check them.
/// </summary>
public sealed class OrderLinks(IDataProtectionProvider dataProtection, IOptions<StorefrontOptions> options, IOptions<OrderOptions> orders,
    TimeProvider time)
{
    private readonly IDataProtector _returnProtector = dataProtection.CreateProtector("Storefront.Checkout.Return.v1");
    // v2 carries an expiry; v1 links (which never expired) are no longer accepted.
    private readonly IDataProtector _orderProtector = dataProtection.CreateProtector("Storefront.Orders.GuestLink.v2");

    /// <summary>Absolute returnUrl for Adyen under the shop's <paramref name="baseUrl"/> (see <see cref="BaseUrl"/>).</summary>
    public string ReturnUrl(PaymentAttempt attempt, string baseUrl) =>
        $"{baseUrl}/checkout/return?ref={_returnProtector.Protect(attempt.Reference)}";

    /// <summary>The attempt reference a returnUrl carries, or null when the token is forged or damaged.</summary>
    public string? ReadReturnReference(string? token) => Unprotect(_returnProtector, token);

    /// <summary>The guest's link to the order, good for <see cref="OrderOptions.LinkLifetime"/> from now.</summary>
    public string OrderPath(string orderNumber)
    {
        var expires = time.GetUtcNow().Add(orders.Value.LinkLifetime).ToUnixTimeSeconds();
        var key = _orderProtector.Protect(string.Create(CultureInfo.InvariantCulture, $"{orderNumber} {expires}"));
        return $"/orders/{Uri.EscapeDataString(orderNumber)}?key={key}";
    }

    public GuestKey CheckGuestKey(string orderNumber, string? key)
    {
        if (Unprotect(_orderProtector, key)?.Split(' ') is not [var number, var expires] || number != orderNumber
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return GuestKey.Invalid;
        }
        return time.GetUtcNow().ToUnixTimeSeconds() < expiresAt ? GuestKey.Valid : GuestKey.Expired;
    }

    public bool IsGuestKeyFor(string orderNumber, string? key) => CheckGuestKey(orderNumber, key) == GuestKey.Valid;

    /// <summary>The configured public base URL, else (Development) this request's host.</summary>
    public string BaseUrl(HttpRequest request) =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string? Unprotect(IDataProtector protector, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
            return null;
        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

public enum GuestKey
{
    Invalid,

    /// <summary>Signed by us for this order, but older than <c>Orders:LinkLifetime</c>.</summary>
    Expired,

    Valid,
}
