namespace Storefront.Tests.Payments;

/// <summary>The webhook contract check: Adyen's own examples pass it, bodies Adyen would never send do not.</summary>
public sealed class WebhookSchemaTests
{
    private const string Refund = """
        {"live":"false","notificationItems":[{"NotificationRequestItem":{
          "additionalData":{"hmacSignature":"I47AhA4I/fD0/0WkN+rbvcQ+vKdnfZSYgm7yY4YaLYg="},
          "amount":{"currency":"KRW","value":5000},"eventCode":"REFUND","eventDate":"2025-03-01T10:15:30+09:00",
          "merchantAccountCode":"ShopKR_Ecom","merchantReference":"RFD-000123-1","originalReference":"ZX7Q2L4M9B8K3C1D",
          "paymentMethod":"kakaopay","pspReference":"RF4T8Y2U6I0O1P3A","reason":"","success":"true"}}]}
        """;

    private const string TokenCreated = """
        {"createdAt":"2025-03-01T10:15:30+09:00","data":{"merchantAccount":"ShopKR_Ecom","operation":"created","shopperReference":"cust-00042","storedPaymentMethodId":"TK8P3W2Q9R7S5T1V","type":"kakaopay"},"environment":"test","eventId":"ZX7Q2L4M9B8K3C1D","type":"recurring.token.created"}
        """;

    public static TheoryData<string, string> StandardExamples() => Data(WebhookSchema.Standard);

    public static TheoryData<string, string> TokenizationExamples() => Data(WebhookSchema.Tokenization);

    [Theory]
    [MemberData(nameof(StandardExamples))]
    public void Adyens_standard_examples_are_valid(string webhook, string json) =>
        Assert.True(WebhookSchema.Standard.Validate(webhook, json).IsValid, $"{webhook}: {WebhookSchema.Standard.Validate(webhook, json)}");

    [Theory]
    [MemberData(nameof(TokenizationExamples))]
    public void Adyens_tokenization_examples_are_valid(string webhook, string json) =>
        Assert.True(WebhookSchema.Tokenization.Validate(webhook, json).IsValid, $"{webhook}: {WebhookSchema.Tokenization.Validate(webhook, json)}");

    [Fact]
    public void As_published_the_file_refuses_its_own_recurring_contract_example()
    {
        var example = WebhookSchema.Standard.Examples().First(e => e.Webhook == "RECURRING_CONTRACT").Json;
        var verdict = WebhookSchema.UnadjustedStandard().Validate(example);
        Assert.False(verdict.IsValid);
        Assert.Contains(verdict.Errors, e => e.Contains("additionalData", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_body_is_checked_against_its_own_event_codes_schema()
    {
        Assert.Equal("RefundNotificationRequest", WebhookSchema.Standard.RequestSchemaName("REFUND"));
        Assert.Equal("RefundCaptureFailedNotificationRequest", WebhookSchema.Standard.RequestSchemaName("REFUND_FAILED"));
        Assert.Equal("TokenizationDisabledDetailsNotificationRequest", WebhookSchema.Tokenization.RequestSchemaName("recurring.token.disabled"));
        Assert.True(WebhookSchema.Standard.Validate(Refund).IsValid, WebhookSchema.Standard.Validate(Refund).ToString());
        Assert.True(WebhookSchema.Tokenization.Validate(TokenCreated).IsValid, WebhookSchema.Tokenization.Validate(TokenCreated).ToString());
    }

    [Theory]
    [InlineData("success as a boolean", "\"success\":\"true\"", "\"success\":true")]
    [InlineData("live as a boolean", "\"live\":\"false\"", "\"live\":false")]
    [InlineData("amount as a string", "\"value\":5000", "\"value\":\"5000\"")]
    [InlineData("missing merchantReference", "\"merchantReference\":\"RFD-000123-1\",", "")]
    [InlineData("unknown item field", "\"reason\":\"\"", "\"reason\":\"\",\"refundReason\":\"x\"")]
    [InlineData("additionalData key the schema does not know", "\"hmacSignature\"", "\"shopperReference\":\"cust-00042\",\"hmacSignature\"")]
    [InlineData("unknown event code", "\"eventCode\":\"REFUND\"", "\"eventCode\":\"REFUNDED\"")]
    public void A_wrong_standard_body_is_rejected(string what, string from, string to)
    {
        var json = Refund.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Refund, json);
        Assert.False(Validate(WebhookSchema.Standard, json), $"{what} passed validation");
    }

    [Theory]
    [InlineData("merchantAccount at the top", "\"environment\":\"test\"", "\"environment\":\"test\",\"merchantAccount\":\"ShopKR_Ecom\"")]
    [InlineData("missing operation on created", "\"operation\":\"created\",", "")]
    [InlineData("unknown environment", "\"environment\":\"test\"", "\"environment\":\"sandbox\"")]
    [InlineData("missing eventId", "\"eventId\":\"ZX7Q2L4M9B8K3C1D\",", "")]
    public void A_wrong_tokenization_body_is_rejected(string what, string from, string to)
    {
        var json = TokenCreated.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(TokenCreated, json);
        Assert.False(Validate(WebhookSchema.Tokenization, json), $"{what} passed validation");
    }

    private static bool Validate(WebhookSchema schema, string json)
    {
        try
        {
            return schema.Validate(json).IsValid;
        }
        catch (InvalidOperationException)
        {
            // An eventCode the file has no webhook for.
            return false;
        }
    }

    private static TheoryData<string, string> Data(WebhookSchema schema)
    {
        var data = new TheoryData<string, string>();
        foreach (var (webhook, json) in schema.Examples())
            data.Add(webhook, json);
        return data;
    }
}
