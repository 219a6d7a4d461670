using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Notifications;

/// <summary>Mail settings that would lose mail or fail at the first message stop the app on start, naming the key.</summary>
public sealed class EmailOptionsTests
{
    [Fact]
    public void An_unknown_delivery_is_refused()
    {
        using var app = new StorefrontFactory();
        app.Settings["Email:Delivery"] = "Pigeon";

        var message = app.StartFailure();

        Assert.Contains("Email:Delivery", message, StringComparison.Ordinal);
        Assert.Contains("Pigeon", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Smtp_without_a_host_is_refused()
    {
        using var app = new StorefrontFactory();
        app.Settings["Email:Delivery"] = "Smtp";

        Assert.Contains("Email:Smtp:Host", app.StartFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sender_that_is_not_an_address_is_refused()
    {
        using var app = new StorefrontFactory();
        app.Settings["Email:From"] = "the shop";

        Assert.Contains("Email:From", app.StartFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_without_a_delivery_or_a_sender_is_refused()
    {
        using var app = new ProductionWithoutMailFactory();

        var message = app.StartFailure();

        Assert.Contains("Email:Delivery (Email__Delivery) is required", message, StringComparison.Ordinal);
        Assert.Contains("Email:From (Email__From) is required", message, StringComparison.Ordinal);
    }

    /// <summary>Production configured for everything but mail.</summary>
    private sealed class ProductionWithoutMailFactory : StorefrontFactory
    {
        public ProductionWithoutMailFactory()
        {
            Settings["Storefront:PublicBaseUrl"] = "https://shop.example.test";
            Settings["Adyen:Mode"] = "Test";
            Settings["Adyen:ApiKey"] = "test-api-key";
            Settings["Adyen:MerchantAccount"] = "StorefrontKR_Test";
            UseWebhookSecrets();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(Environments.Production);
        }
    }
}
