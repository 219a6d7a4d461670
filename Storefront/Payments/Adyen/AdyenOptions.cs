namespace Storefront.Payments.Adyen;

/// <summary>
/// Where and how we reach Adyen Checkout v71, bound from <c>Adyen</c> and validated on start by
/// <see cref="AdyenOptionsValidator"/>. Real Adyen Test and Live differ from the sandbox by configuration only.
/// </summary>
public sealed class AdyenOptions
{
    public const string Section = "Adyen";

    public const string TestCheckoutUrl = "https://checkout-test.adyen.com/v71";

    /// <summary>Where Payments/Sandbox serves the Checkout API inside this app when <see cref="Mode"/> is Sandbox.</summary>
    public const string SandboxCheckoutPath = "/sandbox/adyen/checkout/v71";

    public const string SandboxApiKey = "sandbox-api-key";

    public const string SandboxMerchantAccount = "StorefrontKR_Sandbox";

    /// <summary><c>Sandbox</c>, <c>Test</c> or <c>Live</c>. Defaults to Sandbox in Development; required elsewhere.</summary>
    public AdyenMode? Mode { get; set; }

    /// <summary>Sent as <c>X-API-Key</c>. Never logged.</summary>
    public string? ApiKey { get; set; }

    public string? MerchantAccount { get; set; }

    /// <summary>The live endpoint prefix from Customer Area › Developers › API URLs (Live only).</summary>
    public string? LiveUrlPrefix { get; set; }

    /// <summary>Overrides the Checkout base URL, e.g. a proxy or an Adyen-compatible test double.</summary>
    public string? CheckoutUrl { get; set; }

    /// <summary>Standard-webhook HMAC keys in hex: the primary first, then the previous one during rotation.</summary>
    public string[] HmacKeys { get; set; } = [];

    /// <summary>Tokenization-webhook (<c>recurring.token.*</c>) HMAC keys in hex: primary, previous.</summary>
    public string[] TokenizationHmacKeys { get; set; } = [];

    /// <summary>Basic-auth user name Adyen sends with webhooks.</summary>
    public string? WebhookUsername { get; set; }

    public string? WebhookPassword { get; set; }

    /// <summary>
    /// Sent with every payment that saves or uses a token (Adyen requires it for both, and they must agree):
    /// <c>UnscheduledCardOnFile</c> (the default: the shopper pays again when they choose) or <c>Subscription</c>.
    /// </summary>
    public RecurringProcessingModel RecurringProcessingModel { get; set; } = RecurringProcessingModel.UnscheduledCardOnFile;

    /// <summary>How long one attempt may take before it is abandoned (and retried where that is safe).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Base delay of the exponential back-off between retries.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after the first attempt, only for calls that are safe to repeat.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The Checkout base URL for Test and Live, or null in Sandbox mode without an override.</summary>
    public Uri? ConfiguredCheckoutUrl => CheckoutUrl is { Length: > 0 }
        ? new Uri(CheckoutUrl.TrimEnd('/'))
        : Mode switch
        {
            AdyenMode.Test => new Uri(TestCheckoutUrl),
            AdyenMode.Live => new Uri($"https://{LiveUrlPrefix}-checkout-live.adyenpayments.com/checkout/v71"),
            _ => null,
        };
}

public enum AdyenMode
{
    /// <summary>The simulator in Payments/Sandbox, in this same app. Refused in Production.</summary>
    Sandbox,
    Test,
    Live,
}
