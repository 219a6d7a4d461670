namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Adyen is down: Test mode (as in production, with its webhook secrets) pointed at a loopback port where nothing
/// listens, with no retries, so every call fails fast as "unavailable".
/// </summary>
public sealed class UnreachableAdyenFactory : StorefrontFactory
{
    public UnreachableAdyenFactory()
    {
        Settings["Adyen:Mode"] = "Test";
        Settings["Adyen:ApiKey"] = "test-api-key";
        Settings["Adyen:MerchantAccount"] = "StorefrontKR_Test";
        Settings["Adyen:CheckoutUrl"] = "http://127.0.0.1:9/checkout/v71";
        Settings["Adyen:MaxRetries"] = "0";
        Settings["Adyen:RequestTimeout"] = "00:00:02";
        UseWebhookSecrets();
    }
}
