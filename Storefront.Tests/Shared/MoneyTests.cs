using Storefront.Shared;

namespace Storefront.Tests.Shared;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("KRW", 0)]
    [InlineData("JPY", 0)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("BHD", 3)]
    public void Exponent_follows_adyens_currency_table(string currency, int exponent) =>
        Assert.Equal(exponent, Money.Exponent(currency));

    [Fact]
    public void Krw_is_whole_won_on_the_wire_and_formats_with_the_won_sign()
    {
        var price = Money.FromAmount(15_000m, "KRW");
        Assert.Equal(15_000, price.MinorUnits);
        Assert.Equal("₩15,000", price.ToString());
    }

    [Fact]
    public void Jpy_has_no_minor_unit()
    {
        var price = Money.FromAmount(1_200m, "JPY");
        Assert.Equal(1_200, price.MinorUnits);
        Assert.Equal("¥1,200", price.ToString());
    }

    [Fact]
    public void Usd_uses_cents()
    {
        var price = Money.FromAmount(12.34m, "USD");
        Assert.Equal(1_234, price.MinorUnits);
        Assert.Equal("$12.34", price.ToString());
        Assert.Equal(12.34m, price.Amount);
    }

    [Fact]
    public void Bhd_uses_three_decimals()
    {
        var price = Money.FromAmount(1.234m, "BHD");
        Assert.Equal(1_234, price.MinorUnits);
        Assert.Equal("BHD 1.234", price.ToString());
    }

    [Theory]
    [InlineData(12.5, "KRW")]
    [InlineData(0.001, "USD")]
    [InlineData(0.0001, "BHD")]
    public void Refuses_precision_the_currency_does_not_have(decimal amount, string currency) =>
        Assert.Throws<ArgumentException>(() => Money.FromAmount(amount, currency));

    [Fact]
    public void Refuses_to_add_different_currencies() =>
        Assert.Throws<InvalidOperationException>(() => new Money(100, "USD") + new Money(100, "EUR"));

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("")]
    public void Refuses_malformed_currency_codes(string currency) =>
        Assert.Throws<ArgumentException>(() => new Money(1, currency));

    [Fact]
    public void Line_total_multiplies_minor_units()
    {
        Assert.Equal(new Money(45_000, "KRW"), new Money(15_000, "KRW") * 3);
        Assert.Equal("€36.00", (new Money(1_200, "EUR") * 3).ToString());
    }
}
