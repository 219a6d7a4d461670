using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// Adyen's webhook signatures: HMAC-SHA256 with the hex-decoded key, Base64-encoded. Standard items sign
/// <c>pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success</c>
/// (absent fields empty, no escaping); tokenization webhooks sign the raw body bytes exactly as received.
/// Used by the receivers to verify and by the sandbox to sign.
/// </summary>
public static class AdyenHmac
{
    public static string SigningString(NotificationRequestItem item) => string.Join(':',
        item.PspReference ?? "",
        item.OriginalReference ?? "",
        item.MerchantAccountCode ?? "",
        item.MerchantReference ?? "",
        item.Amount?.Value.ToString(CultureInfo.InvariantCulture) ?? "",
        item.Amount?.Currency ?? "",
        item.EventCode ?? "",
        item.Success ?? "");

    public static string Sign(NotificationRequestItem item, string hexKey) =>
        Sign(Encoding.UTF8.GetBytes(SigningString(item)), hexKey);

    public static string Sign(ReadOnlySpan<byte> payload, string hexKey) =>
        Convert.ToBase64String(HMACSHA256.HashData(KeyBytes(hexKey), payload));

    /// <summary>True when <paramref name="signature"/> matches under any of <paramref name="hexKeys"/> (primary, previous).</summary>
    public static bool IsValid(NotificationRequestItem item, IEnumerable<string> hexKeys) =>
        IsValid(Encoding.UTF8.GetBytes(SigningString(item)), item.HmacSignature, hexKeys);

    public static bool IsValid(ReadOnlySpan<byte> payload, string? signature, IEnumerable<string> hexKeys)
    {
        if (string.IsNullOrEmpty(signature))
            return false;
        var given = Encoding.ASCII.GetBytes(signature);
        var valid = false;
        foreach (var key in hexKeys)
        {
            if (string.IsNullOrEmpty(key))
                continue;
            var expected = Encoding.ASCII.GetBytes(Sign(payload, key));
            // Constant-time, and every key is tried so timing says nothing about which one matched.
            valid |= CryptographicOperations.FixedTimeEquals(expected, given);
        }
        return valid;
    }

    /// <summary>The key as Adyen's Customer Area shows it: hex. An odd length gets a trailing 0, as Adyen's library does.</summary>
    public static byte[] KeyBytes(string hexKey) =>
        Convert.FromHexString(hexKey.Length % 2 == 0 ? hexKey : hexKey + "0");
}
