using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Storefront.Payments.Adyen;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Account;

/// <summary>The shop is configured for subscriptions: <c>Adyen:RecurringProcessingModel=Subscription</c>.</summary>
public sealed class SubscriptionSandboxFactory : SandboxFactory
{
    public SubscriptionSandboxFactory() => Settings["Adyen:RecurringProcessingModel"] = "Subscription";
}

public sealed class RecurringProcessingModelTests(SubscriptionSandboxFactory app) : IClassFixture<SubscriptionSandboxFactory>
{
    [Fact]
    public async Task The_configured_model_is_sent_when_saving_and_when_paying_with_the_token()
    {
        using var browser = app.CreateBrowser();
        var exchangesBefore = app.Exchanges.Count;
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync());
        await app.StoreTokenAsWebhookWouldAsync(saved);

        await browser.PayWithSavedAsync(await browser.OpenReorderAsync(saved.FirstOrderNumber));

        var requests = app.PaymentRequestsSince(exchangesBefore);
        Assert.Equal(2, requests.Count);
        Assert.Equal("Subscription", requests[0].GetProperty("recurringProcessingModel").GetString());
        Assert.True(requests[0].GetProperty("storePaymentMethod").GetBoolean());
        SaveKakaoPayTests.AssertTokenPayment(requests[1], saved, "Subscription");
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.Skip(exchangesBefore));
    }

    [Theory]
    [InlineData(RecurringProcessingModel.UnscheduledCardOnFile)]
    [InlineData(RecurringProcessingModel.Subscription)]
    public void Unscheduled_card_on_file_and_subscription_are_accepted(RecurringProcessingModel model) =>
        Assert.Empty(Validate(new AdyenOptions { Mode = AdyenMode.Sandbox, RecurringProcessingModel = model }));

    [Fact]
    public void Card_on_file_is_refused_saying_which_key_to_set() =>
        Assert.Contains(Validate(new AdyenOptions { Mode = AdyenMode.Sandbox, RecurringProcessingModel = RecurringProcessingModel.CardOnFile }),
            f => f.StartsWith("Adyen:RecurringProcessingModel must be UnscheduledCardOnFile (the default) or Subscription", StringComparison.Ordinal));

    [Fact]
    public void The_app_does_not_start_with_card_on_file()
    {
        using var misconfigured = new StorefrontFactory();
        misconfigured.Settings["Adyen:RecurringProcessingModel"] = "CardOnFile";

        var thrown = Assert.IsType<OptionsValidationException>(Record.Exception(misconfigured.StartServer));

        Assert.Contains("Adyen:RecurringProcessingModel", thrown.Message);
    }

    private static IReadOnlyList<string> Validate(AdyenOptions options)
    {
        var environment = new HostingEnvironment { EnvironmentName = Environments.Development };
        var result = new AdyenOptionsValidator(environment).Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }
}
