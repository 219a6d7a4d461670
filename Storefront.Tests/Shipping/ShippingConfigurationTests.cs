using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Shipping;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Shipping;

/// <summary>A rate the shop could not charge stops it on start, naming the key.</summary>
public sealed class ShippingConfigurationTests
{
    private static readonly ShippingOptionsValidator Validator = new();

    [Theory]
    [InlineData("KRW", "Fee", 3000.5, "Storefront:Shipping:KRW:Fee")]
    [InlineData("JPY", "FreeFrom", 4999.9, "Storefront:Shipping:JPY:FreeFrom")]
    [InlineData("EUR", "Fee", 4.955, "Storefront:Shipping:EUR:Fee")]
    [InlineData("EUR", "Fee", -1, "must not be negative")]
    [InlineData("KRW", "FreeFrom", -50000, "must not be negative")]
    public void A_rate_finer_than_the_currency_or_negative_fails(string currency, string key, double amount, string expected)
    {
        var rate = key == "Fee" ? new ShippingRate { Fee = (decimal)amount } : new ShippingRate { FreeFrom = (decimal)amount };
        var options = new ShippingOptions();
        options.Rates[currency] = rate;

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_currency_the_shop_does_not_sell_in_fails()
    {
        var result = Validator.Validate(null, ShippingFeesTests.Rates(("CHF", 5m, null)));

        Assert.Contains("Storefront:Shipping:CHF names no currency", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Whole_amounts_in_each_currency_and_no_threshold_pass()
    {
        var result = Validator.Validate(null, ShippingFeesTests.Rates(
            ("KRW", 3000m, 50000m), ("JPY", 500m, null), ("EUR", 5.90m, 0m), ("USD", 0m, null), ("GBP", null, null)));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void The_shipped_defaults_are_valid_for_all_five_currencies()
    {
        using var app = new StorefrontFactory();
        foreach (var currency in Storefront.Shared.Market.Currencies)
        {
            app.Settings.Remove($"Storefront:Shipping:{currency}:Fee");
        }

        app.StartServer();

        var rates = app.Services.GetRequiredService<IOptions<ShippingOptions>>().Value.Rates;
        Assert.Equal(Storefront.Shared.Market.Currencies.Order(), rates.Keys.Select(k => k.ToUpperInvariant()).Order());
        Assert.All(rates.Values, rate => Assert.True(rate.Fee > 0));
    }
}
