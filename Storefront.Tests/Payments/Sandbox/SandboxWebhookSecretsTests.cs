using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Payments.Adyen;

namespace Storefront.Tests.Payments.Sandbox;

/// <summary>Sandbox mode with no webhook secrets configured: random ones, made at start, shared by the receivers and the sandbox.</summary>
public sealed class SandboxWebhookSecretsTests
{
    [Fact]
    public void Each_process_makes_its_own_random_hmac_keys_and_basic_auth()
    {
        using var first = new SandboxFactory();
        using var second = new SandboxFactory();

        var options = first.Services.GetRequiredService<IOptions<AdyenOptions>>().Value;
        var other = second.Services.GetRequiredService<IOptions<AdyenOptions>>().Value;

        Assert.Matches("^[0-9A-F]{64}$", Assert.Single(options.HmacKeys));
        Assert.Matches("^[0-9A-F]{64}$", Assert.Single(options.TokenizationHmacKeys));
        Assert.NotEqual(options.HmacKeys[0], options.TokenizationHmacKeys[0]);
        Assert.Equal("adyen-sandbox", options.WebhookUsername);
        Assert.True(options.WebhookPassword!.Length >= 32);
        Assert.NotEqual(options.HmacKeys[0], other.HmacKeys[0]);
        Assert.NotEqual(options.TokenizationHmacKeys[0], other.TokenizationHmacKeys[0]);
        Assert.NotEqual(options.WebhookPassword, other.WebhookPassword);
    }

    [Fact]
    public void The_sandbox_reading_the_options_monitor_sees_the_same_secrets_every_time()
    {
        using var app = new SandboxFactory();
        var options = app.Services.GetRequiredService<IOptions<AdyenOptions>>().Value;
        var monitor = app.Services.GetRequiredService<IOptionsMonitor<AdyenOptions>>();

        using (var scope = app.Services.CreateScope())
        {
            var snapshot = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<AdyenOptions>>().Value;
            Assert.Equal((options.HmacKeys[0], options.WebhookPassword), (snapshot.HmacKeys[0], snapshot.WebhookPassword));
        }
        Assert.Equal(
            (options.HmacKeys[0], options.TokenizationHmacKeys[0], options.WebhookUsername, options.WebhookPassword),
            (monitor.CurrentValue.HmacKeys[0], monitor.CurrentValue.TokenizationHmacKeys[0], monitor.CurrentValue.WebhookUsername, monitor.CurrentValue.WebhookPassword));
    }
}
