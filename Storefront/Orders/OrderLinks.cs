using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>
/// Signed links that work without a session or a log-in: Adyen's returnUrl (KakaoPay may bring the shopper
/// back in another browser) and the guest's link to their order. Signed with the Data Protection keys kept
/// in the database, so every web node can check them.
/// </summary>
public sealed class OrderLinks(IDataProtectionProvider dataProtection, IOptions<StorefrontOptions> options)
{
    private readonly IDataProtector _returnProtector = dataProtection.CreateProtector("Storefront.Checkout.Return.v1");
    private readonly IDataProtector _orderProtector = dataProtection.CreateProtector("Storefront.Orders.GuestLink.v1");

    /// <summary>Absolute returnUrl for Adyen under the shop's <paramref name="baseUrl"/> (see <see cref="BaseUrl"/>).</summary>
    public string ReturnUrl(PaymentAttempt attempt, string baseUrl) =>
        $"{baseUrl}/checkout/return?ref={_returnProtector.Protect(attempt.Reference)}";

    /// <summary>The attempt reference a returnUrl carries, or null when the token is forged or damaged.</summary>
    public string? ReadReturnReference(string? token) => Unprotect(_returnProtector, token);

    public string OrderPath(string orderNumber) =>
        $"/orders/{Uri.EscapeDataString(orderNumber)}?key={_orderProtector.Protect(orderNumber)}";

    public bool IsGuestKeyFor(string orderNumber, string? key) =>
        Unprotect(_orderProtector, key) is { } number && number == orderNumber;

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
