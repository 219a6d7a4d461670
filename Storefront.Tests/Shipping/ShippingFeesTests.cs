using Microsoft.Extensions.Options;
using Storefront.Shared;
using Storefront.Shipping;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Shipping;

public sealed class ShippingFeesTests
{
    internal static ShippingOptions Rates(params (string Currency, decimal? Fee, decimal? FreeFrom)[] rates)
    {
        var options = new ShippingOptions();
        foreach (var (currency, fee, freeFrom) in rates)
            options.Rates[currency] = new ShippingRate { Fee = fee, FreeFrom = freeFrom };
        return options;
    }

    private static ShippingFees Fees(string currency, decimal? fee, decimal? freeFrom) =>
        new(Options.Create(Rates((currency, fee, freeFrom))));

    [Theory]
    [InlineData("KRW", 3000, 50000, 49_999, 3_000)]
    [InlineData("KRW", 3000, 50000, 50_000, 0)]
    [InlineData("KRW", 3000, 50000, 50_001, 0)]
    [InlineData("JPY", 500, 5000, 4_999, 500)]
    [InlineData("JPY", 500, 5000, 5_000, 0)]
    [InlineData("JPY", 500, 5000, 5_001, 0)]
    [InlineData("EUR", 5.90, 60, 5_999, 590)]
    [InlineData("EUR", 5.90, 60, 6_000, 0)]
    [InlineData("EUR", 5.90, 60, 6_001, 0)]
    public void The_fee_is_charged_below_the_threshold_in_minor_units_and_not_from_it(string currency, double fee, double freeFrom,
        long subtotalMinor, long expectedFeeMinor)
    {
        var quote = Fees(currency, (decimal)fee, (decimal)freeFrom).Quote(new Money(subtotalMinor, currency));

        Assert.Equal(new Money(expectedFeeMinor, currency), quote.Fee);
        Assert.Equal(new Money(subtotalMinor + expectedFeeMinor, currency), quote.Total);
        Assert.Equal(expectedFeeMinor == 0 ? null : Money.FromAmount((decimal)freeFrom, currency) - new Money(subtotalMinor, currency), quote.MoreForFree);
    }

    [Fact]
    public void Without_a_threshold_every_order_pays_and_without_a_rate_none_does()
    {
        Assert.Equal(new Money(3_000, "KRW"), Fees("KRW", 3000, null).Quote(new Money(1_000_000, "KRW")).Fee);
        Assert.Null(Fees("KRW", 3000, null).Quote(new Money(1_000_000, "KRW")).MoreForFree);
        Assert.True(Fees("KRW", 3000, 50000).Quote(new Money(100, "USD")).IsFree);
        Assert.Null(Fees("KRW", 3000, 50000).FreeFrom("USD"));
        Assert.Equal(new Money(50_000, "KRW"), Fees("KRW", 3000, 50000).FreeFrom("KRW"));
    }

    [Theory]
    [InlineData("KRW", "3000.50", "50000", "Storefront:Shipping:KRW:Fee")]
    [InlineData("JPY", "-1", "5000", "Storefront:Shipping:JPY:Fee")]
    [InlineData("EUR", "5.90", "-60", "Storefront:Shipping:EUR:FreeFrom")]
    [InlineData("EUR", "5.905", "60", "Storefront:Shipping:EUR:Fee")]
    [InlineData("CHF", "5", "60", "Storefront:Shipping:CHF")]
    public void A_rate_the_shop_cannot_charge_stops_the_start(string currency, string fee, string freeFrom, string named)
    {
        using var app = new StorefrontFactory();
        app.Settings[$"Storefront:Shipping:{currency}:Fee"] = fee;
        app.Settings[$"Storefront:Shipping:{currency}:FreeFrom"] = freeFrom;

        Assert.Contains(named, app.StartFailure());
    }
}
