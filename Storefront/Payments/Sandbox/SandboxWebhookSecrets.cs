using System.Security.Cryptography;

using Storefront.Payments.Adyen;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// Webhook secrets for Sandbox mode when none are configured: random, made once per process at start, never
/// written anywhere. The receivers and the sandbox (which signs and sends the webhooks) read them from the same
/// <see cref="AdyenOptions"/>, so they agree without a secret in the repository.
/// </summary>
internal sealed record SandboxWebhookSecrets(string HmacKey, string TokenizationHmacKey, string Username, string Password)
{
    public const string DefaultUsername = "adyen-sandbox";

    /// <summary>32 random bytes in hex for each HMAC key (the form the Customer Area shows), and a random password.</summary>
    public static SandboxWebhookSecrets Generate() => new(
        Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
        Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
        DefaultUsername,
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    /// <summary>Fills in, kind by kind, what the configuration left empty.</summary>
    public void ApplyTo(AdyenOptions options)
    {
        if (options.HmacKeys.Length == 0)
            options.HmacKeys = [HmacKey];
        if (options.TokenizationHmacKeys.Length == 0)
            options.TokenizationHmacKeys = [TokenizationHmacKey];
        if (string.IsNullOrEmpty(options.WebhookUsername) && string.IsNullOrEmpty(options.WebhookPassword))
        {
            options.WebhookUsername = Username;
            options.WebhookPassword = Password;
        }
    }
}
