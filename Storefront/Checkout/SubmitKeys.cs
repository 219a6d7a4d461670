using System.Security.Cryptography;

namespace Storefront.Checkout;

/// <summary>The one-time key each payment form carries: submitting the same form twice finds the first payment.</summary>
public static class SubmitKeys
{
    public const string Pattern = "^[A-Za-z0-9_-]{16,64}$";

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
