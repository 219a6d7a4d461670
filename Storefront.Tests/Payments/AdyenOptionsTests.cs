using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Storefront.Payments.Adyen;

namespace Storefront.Tests.Payments;

public sealed class AdyenOptionsTests
{
    [Fact]
    public void Sandbox_is_refused_in_production()
    {
        var failures = Validate(Environments.Production, new AdyenOptions { Mode = AdyenMode.Sandbox, ApiKey = "k", MerchantAccount = "m" });
        Assert.Contains(failures, f => f.Contains("Adyen:Mode is Sandbox, which is refused in Production", StringComparison.Ordinal));
    }

    [Fact]
    public void Sandbox_is_accepted_in_development_and_staging()
    {
        Assert.Empty(Validate(Environments.Development, new AdyenOptions { Mode = AdyenMode.Sandbox }));
        Assert.Empty(Validate(Environments.Staging, new AdyenOptions { Mode = AdyenMode.Sandbox }));
    }

    [Fact]
    public void Mode_is_required_outside_development() =>
        Assert.Contains(Validate(Environments.Production, new AdyenOptions()), f => f.StartsWith("Adyen:Mode is required", StringComparison.Ordinal));

    [Theory]
    [InlineData(AdyenMode.Test)]
    [InlineData(AdyenMode.Live)]
    public void Test_and_live_need_an_api_key_and_a_merchant_account(AdyenMode mode)
    {
        var failures = Validate(Environments.Production, new AdyenOptions { Mode = mode, LiveUrlPrefix = "abc" });
        Assert.Contains(failures, f => f.StartsWith("Adyen:ApiKey is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Adyen:MerchantAccount is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Live_needs_the_url_prefix_unless_the_checkout_url_is_set()
    {
        var live = new AdyenOptions { Mode = AdyenMode.Live, ApiKey = "k", MerchantAccount = "m" };
        Assert.Contains(Validate(Environments.Production, live), f => f.StartsWith("Adyen:LiveUrlPrefix is required", StringComparison.Ordinal));

        live.CheckoutUrl = "https://proxy.example/checkout/v71";
        Assert.DoesNotContain(Validate(Environments.Production, live), f => f.StartsWith("Adyen:LiveUrlPrefix", StringComparison.Ordinal));
    }

    [Fact]
    public void Live_url_prefix_must_not_be_a_url() =>
        Assert.Contains(
            Validate(Environments.Production, new AdyenOptions { Mode = AdyenMode.Live, ApiKey = "k", MerchantAccount = "m", LiveUrlPrefix = "https://x" }),
            f => f.StartsWith("Adyen:LiveUrlPrefix must be the prefix only", StringComparison.Ordinal));

    [Theory]
    [InlineData("not-hex")]
    [InlineData("ABC")]
    [InlineData("")]
    public void Hmac_keys_must_be_hex(string key)
    {
        var options = new AdyenOptions
        {
            Mode = AdyenMode.Test, ApiKey = "k", MerchantAccount = "m", WebhookUsername = "adyen", WebhookPassword = "secret",
            HmacKeys = ["44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056", key],
            TokenizationHmacKeys = ["0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0"],
        };
        Assert.Equal(["Adyen:HmacKeys:1 must be the HMAC key in hexadecimal, as shown in the Customer Area."], Validate(Environments.Production, options));

        options = new AdyenOptions { Mode = AdyenMode.Test, ApiKey = "k", MerchantAccount = "m", TokenizationHmacKeys = [key] };
        Assert.Contains(Validate(Environments.Production, options), f => f.StartsWith("Adyen:TokenizationHmacKeys:0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/relative/v71")]
    [InlineData("ftp://checkout.example/v71")]
    public void Checkout_url_must_be_absolute_http(string url) =>
        Assert.Contains(
            Validate(Environments.Production, new AdyenOptions { Mode = AdyenMode.Test, ApiKey = "k", MerchantAccount = "m", CheckoutUrl = url }),
            f => f.StartsWith("Adyen:CheckoutUrl must be an absolute http(s) URL", StringComparison.Ordinal));

    [Fact]
    public void Webhook_credentials_come_in_pairs() =>
        Assert.Contains(
            Validate(Environments.Production, new AdyenOptions { Mode = AdyenMode.Test, ApiKey = "k", MerchantAccount = "m", WebhookUsername = "adyen" }),
            f => f.Contains("Adyen:WebhookPassword", StringComparison.Ordinal));

    [Fact]
    public void A_complete_live_configuration_is_valid() =>
        Assert.Empty(Validate(Environments.Production, new AdyenOptions
        {
            Mode = AdyenMode.Live,
            ApiKey = "k",
            MerchantAccount = "ShopKR_Ecom",
            LiveUrlPrefix = "1797a841fbb37ca7-AdyenDemo",
            HmacKeys = ["44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056"],
            TokenizationHmacKeys = ["0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0"],
            WebhookUsername = "adyen",
            WebhookPassword = "secret",
        }));

    [Theory]
    [InlineData(AdyenMode.Test)]
    [InlineData(AdyenMode.Live)]
    public void Test_and_live_need_both_hmac_keys_and_the_webhook_basic_auth(AdyenMode mode)
    {
        var failures = Validate(Environments.Production, new AdyenOptions { Mode = mode, ApiKey = "k", MerchantAccount = "m", LiveUrlPrefix = "abc" });

        Assert.Contains(failures, f => f.StartsWith($"Adyen:HmacKeys:0 is required in {mode} mode", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith($"Adyen:TokenizationHmacKeys:0 is required in {mode} mode", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith($"Adyen:WebhookUsername and Adyen:WebhookPassword are required in {mode} mode", StringComparison.Ordinal));
    }

    [Fact]
    public void Sandbox_needs_no_webhook_secrets_in_its_configuration() =>
        Assert.Empty(Validate(Environments.Development, new AdyenOptions { Mode = AdyenMode.Sandbox, ApiKey = "k", MerchantAccount = "m" }));

    private static IReadOnlyList<string> Validate(string environment, AdyenOptions options)
    {
        var result = new AdyenOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);
        return result.Failures?.ToArray() ?? [];
    }
}
