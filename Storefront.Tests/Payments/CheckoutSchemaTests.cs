namespace Storefront.Tests.Payments;

/// <summary>Proves the contract check bites: bodies that Adyen would refuse are rejected by the validator.</summary>
public sealed class CheckoutSchemaTests
{
    private const string ValidPayment = """
        {"amount":{"currency":"KRW","value":15000},"reference":"ORD-1-1","paymentMethod":{"type":"kakaopay"},
         "returnUrl":"https://shop.example.kr/checkout/return?o=1","merchantAccount":"ShopKR_Ecom"}
        """;

    [Fact]
    public void A_well_formed_payment_request_is_valid() =>
        Assert.True(CheckoutSchema.Instance.Validate("PaymentRequest", ValidPayment).IsValid);

    [Theory]
    [InlineData("renamed field", "\"merchantAccount\"", "\"merchantAcount\"")]
    [InlineData("mistyped amount", "\"value\":15000", "\"value\":\"15000\"")]
    [InlineData("decimal amount", "\"value\":15000", "\"value\":150.5")]
    [InlineData("unknown property in paymentMethod", "{\"type\":\"kakaopay\"}", "{\"type\":\"kakaopay\",\"name\":\"KakaoPay\"}")]
    [InlineData("unknown payment method type", "\"kakaopay\"", "\"kakao_pay\"")]
    [InlineData("missing required reference", "\"reference\":\"ORD-1-1\",", "")]
    [InlineData("four-letter currency", "\"KRW\"", "\"KRWN\"")]
    public void A_wrong_payment_request_is_rejected(string what, string from, string to)
    {
        var verdict = CheckoutSchema.Instance.Validate("PaymentRequest", ValidPayment.Replace(from, to, StringComparison.Ordinal));
        Assert.False(verdict.IsValid, $"{what} passed validation");
    }

    [Theory]
    [InlineData("""{"resultCode":"Approved"}""")]
    [InlineData("""{"resultCode":"Authorised","pspRef":"ABC"}""")]
    [InlineData("""{"resultCode":"Authorised","amount":{"currency":"KRW","value":"15000"}}""")]
    public void A_wrong_payment_response_is_rejected(string body) =>
        Assert.False(CheckoutSchema.Instance.Validate("PaymentResponse", body).IsValid);

    [Fact]
    public void A_service_error_with_a_numeric_error_code_is_rejected() =>
        Assert.False(CheckoutSchema.Instance.Validate("ServiceError", """{"status":422,"errorCode":14030,"message":"x"}""").IsValid);

    [Fact]
    public void Operation_schemas_are_read_from_the_document()
    {
        Assert.Equal("PaymentRequest", CheckoutSchema.Instance.RequestSchemaName(HttpMethod.Post, "/payments"));
        Assert.Equal("PaymentDetailsRequest", CheckoutSchema.Instance.RequestSchemaName(HttpMethod.Post, "/payments/details"));
        Assert.Equal("PaymentRefundResponse", CheckoutSchema.Instance.ResponseSchemaName(HttpMethod.Post, "/payments/ABC/refunds", 201));
        Assert.Equal("ServiceError", CheckoutSchema.Instance.ResponseSchemaName(HttpMethod.Post, "/payments", 422));
        Assert.Null(CheckoutSchema.Instance.ResponseSchemaName(HttpMethod.Delete, "/storedPaymentMethods/TK1", 204));
    }
}
