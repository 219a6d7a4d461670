using System.Text.Json;
using Storefront.Payments.Adyen;
using Storefront.Shared;

namespace Storefront.Tests.Payments;

/// <summary>
/// Amounts exactly as Adyen reads and writes them: integers in the currency's minor units, with the exponent
/// from Adyen's currency table (KRW and JPY have none, USD has cents).
/// </summary>
public sealed class AmountWireTests
{
    [Theory]
    [InlineData("15000", "KRW", 15_000, "₩15,000")]
    [InlineData("1200", "JPY", 1_200, "¥1,200")]
    [InlineData("12.34", "USD", 1_234, "$12.34")]
    public void A_price_goes_on_the_wire_as_whole_minor_units(string price, string currency, long wireValue, string shown)
    {
        var money = Money.FromAmount(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), currency);
        var request = new PaymentRequest
        {
            Amount = Amount.From(money),
            Reference = "SF-TEST0001-1",
            PaymentMethod = new PaymentMethodDetails { Type = "kakaopay" },
            ReturnUrl = "https://shop.example.co.kr/checkout/return?ref=abc",
        };

        using var body = JsonDocument.Parse(JsonSerializer.Serialize(request, AdyenCheckoutClient.Json));

        var amount = body.RootElement.GetProperty("amount");
        Assert.Equal(currency, amount.GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Number, amount.GetProperty("value").ValueKind);
        Assert.Equal(wireValue.ToString(System.Globalization.CultureInfo.InvariantCulture), amount.GetProperty("value").GetRawText());
        Assert.Equal(shown, money.ToString());
    }

    [Theory]
    [InlineData("KRW", 15_000, "₩15,000")]
    [InlineData("JPY", 1_200, "¥1,200")]
    [InlineData("USD", 1_234, "$12.34")]
    public void An_amount_in_a_response_reads_back_as_the_same_money(string currency, long wireValue, string shown)
    {
        var json = $$"""
            {"resultCode":"Authorised","pspReference":"PSP0000000000001","amount":{"currency":"{{currency}}","value":{{wireValue}}} }
            """;

        var response = JsonSerializer.Deserialize<PaymentDetailsResponse>(json, AdyenCheckoutClient.Json)!;

        var money = response.Amount!.ToMoney();
        Assert.Equal(new Money(wireValue, currency), money);
        Assert.Equal(shown, money.ToString());
    }

    [Fact]
    public void Won_is_never_multiplied_by_a_hundred_on_the_way_out_or_in()
    {
        var wire = Amount.From(Money.FromAmount(15_000m, "KRW"));
        var roundTripped = JsonSerializer.Deserialize<Amount>(JsonSerializer.Serialize(wire, AdyenCheckoutClient.Json), AdyenCheckoutClient.Json)!;

        Assert.Equal(new Amount("KRW", 15_000), roundTripped);
        Assert.Equal(15_000m, roundTripped.ToMoney().Amount);
    }
}
