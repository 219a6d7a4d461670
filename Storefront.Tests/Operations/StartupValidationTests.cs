using Microsoft.Extensions.Options;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Operations;

/// <summary>A misconfigured app refuses to start, and says which key to set.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void An_unknown_database_provider_is_refused()
    {
        var error = StartWith(("Database:Provider", "Oracle"));
        Assert.Contains("Database:Provider", error.Message);
        Assert.Contains("Oracle", error.Message);
    }

    [Fact]
    public void Sql_server_without_a_connection_string_is_refused()
    {
        var error = StartWith(("Database:Provider", "SqlServer"), ("ConnectionStrings:Storefront", ""));
        Assert.Contains("ConnectionStrings:Storefront", error.Message);
    }

    [Fact]
    public void A_public_base_url_that_is_not_an_absolute_url_is_refused()
    {
        var error = StartWith(("Storefront:PublicBaseUrl", "not a url"));
        Assert.Contains("Storefront:PublicBaseUrl", error.Message);
    }

    [Fact]
    public void A_default_country_we_do_not_sell_to_is_refused()
    {
        var error = StartWith(("Storefront:DefaultCountry", "XX"));
        Assert.Contains("Storefront:DefaultCountry", error.Message);
    }

    /// <summary>A market's zone the machine does not know, or for no market; a business detail that is malformed (even in Development).</summary>
    [Theory]
    [InlineData("Storefront:Markets:KR:TimeZone", "Mars/Olympus_Mons", "Storefront:Markets:KR:TimeZone")]
    [InlineData("Storefront:Markets:XX:TimeZone", "Asia/Seoul", "Storefront:Markets:XX names no market")]
    [InlineData("Storefront:Business:RegistrationNumber", "12-345", "Storefront:Business:RegistrationNumber")]
    [InlineData("Storefront:Business:Email", "not an address", "Storefront:Business:Email")]
    public void A_malformed_market_or_business_setting_is_refused_naming_its_key(string key, string value, string expected)
    {
        var error = StartWith((key, value));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("Storefront:Legal:Terms:Markdown:ko", "## 제1조", "Storefront:Legal:Terms:Version is required")]
    [InlineData("Storefront:Legal:Privacy:File:en", "no/such/privacy.md", "Storefront:Legal:Privacy:File:en")]
    [InlineData("Storefront:Legal:Terms:Markdown:fr", "## Article 1", "'fr' is not a language the shop speaks")]
    public void A_replaced_legal_text_without_its_version_file_or_language_is_refused(string key, string value, string expected)
    {
        var error = StartWith((key, value), ("Storefront:Legal:Privacy:Version", "2027-01-01"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_admin_email_without_a_password_is_refused()
    {
        var error = StartWith(("Admin:Email", "merch@test.local"), ("Admin:Password", ""));
        Assert.Contains("Admin:Password", error.Message);
    }

    [Fact]
    public void Test_mode_without_webhook_secrets_is_refused_naming_each_key()
    {
        var error = StartWith(("Adyen:Mode", "Test"), ("Adyen:ApiKey", "test-api-key"), ("Adyen:MerchantAccount", "StorefrontKR_Test"));
        Assert.Contains("Adyen:HmacKeys:0", error.Message);
        Assert.Contains("Adyen:TokenizationHmacKeys:0", error.Message);
        Assert.Contains("Adyen:WebhookUsername and Adyen:WebhookPassword", error.Message);
    }

    [Fact]
    public void A_webhook_setting_out_of_range_is_refused()
    {
        var error = StartWith(("Adyen:Webhooks:MaxAttempts", "0"));
        Assert.Contains("Adyen:Webhooks:MaxAttempts", error.Message);
    }

    [Theory]
    [InlineData("Orders:PaymentTimeout", "00:00:01")]
    [InlineData("Email:LeaseDuration", "00:00:00")]
    [InlineData("Adyen:Webhooks:PollInterval", "02:00:00")]
    [InlineData("Admin:Dashboard:StuckPaymentAfter", "00:00:10")]
    public void A_duration_out_of_range_is_refused_naming_its_key(string key, string value)
    {
        var error = StartWith((key, value));
        Assert.Contains($"{key} must be a duration between", error.Message);
    }

    [Theory]
    [InlineData("Adyen:Webhooks")]
    [InlineData("Email")]
    public void A_queue_that_would_retry_sooner_after_more_failures_is_refused(string section)
    {
        var error = StartWith(($"{section}:RetryDelay", "00:10:00"), ($"{section}:MaxRetryDelay", "00:01:00"));
        Assert.Contains($"{section}:MaxRetryDelay must not be shorter than {section}:RetryDelay", error.Message);
    }

    private static OptionsValidationException StartWith(params (string Key, string Value)[] settings)
    {
        using var app = new StorefrontFactory();
        foreach (var (key, value) in settings)
            app.Settings[key] = value;
        var thrown = Record.Exception(app.StartServer);
        Assert.NotNull(thrown);
        return Assert.IsType<OptionsValidationException>(thrown);
    }
}
