using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Payments.Adyen;
using Storefront.Payments.Sandbox;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>The sandbox answering slower than the client waits (0.3 s, one retry), every time.</summary>
public sealed class SlowSandboxFactory : SandboxFactory
{
    public SlowSandboxFactory()
    {
        Settings["Adyen:Sandbox:ResponseDelay"] = "00:00:02";
        Settings["Adyen:RequestTimeout"] = "00:00:00.300";
        Settings["Adyen:MaxRetries"] = "1";
    }
}

/// <summary>A timeout: the payment is made once at the sandbox, and the caller is told "unavailable".</summary>
public sealed class SlowSandboxTests(SlowSandboxFactory app) : IClassFixture<SlowSandboxFactory>
{
    [Fact]
    public async Task A_timeout_is_unavailable_and_the_retry_with_the_same_key_does_not_pay_twice()
    {
        var reference = "SLOW-" + Guid.NewGuid().ToString("N")[..8];

        var failure = await Assert.ThrowsAsync<AdyenUnavailableException>(() =>
            app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)), "pay:" + reference));

        Assert.Equal("payments", failure.Operation);
        Assert.Single(app.Sandbox.PaymentsFor(reference));
    }
}

public sealed class FailingSandboxFactory : SandboxFactory
{
    public FailingSandboxFactory() => Settings["Adyen:Sandbox:PaymentsErrorStatus"] = "500";
}

public sealed class FailingSandboxTests(FailingSandboxFactory app) : IClassFixture<FailingSandboxFactory>
{
    [Fact]
    public async Task A_forced_500_is_unavailable_with_a_service_error_that_matches_the_spec()
    {
        app.Exchanges.Clear();

        var failure = await Assert.ThrowsAsync<AdyenUnavailableException>(() =>
            app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay("FAIL-1", app.ReturnUrl("FAIL-1")), "pay:FAIL-1"));

        Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
        Assert.Equal("sandbox_forced", failure.ErrorCode);
        Assert.Empty(app.Sandbox.PaymentsFor("FAIL-1"));
        ContractAssertions.AssertCovered(app.Exchanges.ToArray(), "POST /payments 500");
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.ToArray());
    }
}

public sealed class InProgressSandboxFactory : SandboxFactory
{
    public InProgressSandboxFactory()
    {
        Settings["Adyen:Sandbox:PaymentsErrorStatus"] = "422";
        Settings["Adyen:Sandbox:PaymentsErrorCode"] = "704";
    }
}

public sealed class InProgressSandboxTests(InProgressSandboxFactory app) : IClassFixture<InProgressSandboxFactory>
{
    [Fact]
    public async Task A_forced_704_is_request_in_progress()
    {
        app.Exchanges.Clear();

        var failure = await Assert.ThrowsAsync<AdyenRequestInProgressException>(() =>
            app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay("BUSY-1", app.ReturnUrl("BUSY-1")), "pay:BUSY-1"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.StatusCode);
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.ToArray());
    }
}

public sealed class RefusingSandboxFactory : SandboxFactory
{
    public RefusingSandboxFactory() => Settings["Adyen:Sandbox:RefuseTokenPayments"] = "true";
}

public sealed class RefusingSandboxTests(RefusingSandboxFactory app) : IClassFixture<RefusingSandboxFactory>
{
    [Fact]
    public async Task Token_payments_are_refused_when_the_setting_says_so()
    {
        using var browser = app.CreateBrowser();
        var shopper = "shp_" + Guid.NewGuid().ToString("N");
        var first = await app.Adyen.PaymentsAsync(
            CheckoutContractTests.KakaoPay("REF-1", app.ReturnUrl("REF-1")) with { ShopperReference = shopper, StorePaymentMethod = true },
            "pay:REF-1");
        await SandboxShopper.PayAsync(browser, first.Action!, "approve", consent: true);
        var token = Assert.Single(app.Sandbox.TokensOf(shopper));
        app.Exchanges.Clear();

        var refused = await app.Adyen.PaymentsAsync(new PaymentRequest
        {
            Amount = new Amount("KRW", 9_900),
            Reference = "REF-2",
            PaymentMethod = new PaymentMethodDetails { Type = "kakaopay", StoredPaymentMethodId = token.Id },
            ReturnUrl = app.ReturnUrl("REF-2"),
            ShopperReference = shopper,
            ShopperInteraction = ShopperInteraction.ContAuth,
            RecurringProcessingModel = RecurringProcessingModel.UnscheduledCardOnFile,
        }, "pay:REF-2");

        Assert.Equal(PaymentResultCode.Refused, refused.ResultCode);
        Assert.NotNull(refused.RefusalReason);
        Assert.Contains(app.Sandbox.EventHistory, e => e.MerchantReference == "REF-2" && e.EventCode == SandboxEventCodes.Authorisation && !e.Success);
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.ToArray());
    }
}

/// <summary>Test mode with credentials: the app talks to Adyen, and the sandbox is not there at all.</summary>
public sealed class TestModeFactory : StorefrontFactory
{
    public TestModeFactory()
    {
        Settings["Adyen:Mode"] = "Test";
        Settings["Adyen:ApiKey"] = "AQE-test-key";
        Settings["Adyen:MerchantAccount"] = "StorefrontKR_Test";
        UseWebhookSecrets();
    }
}

public sealed class TestModeTests(TestModeFactory app) : IClassFixture<TestModeFactory>
{
    [Fact]
    public async Task The_sandbox_is_not_mounted_outside_sandbox_mode()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", "AQE-test-key");

        var response = await client.PostAsJsonAsync("sandbox/adyen/checkout/v71/paymentMethods", new { merchantAccount = "StorefrontKR_Test" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(app.Services.GetService<AdyenSandbox>());
        Assert.DoesNotContain(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is SandboxWebhookDelivery);
        Assert.NotNull(app.Services.GetService<IAdyenCheckout>());
    }
}

public sealed class AdyenStartupTests
{
    [Fact]
    public void The_app_refuses_to_start_in_production_in_sandbox_mode()
    {
        using var factory = new ProductionFactory();
        factory.Settings["Adyen:Mode"] = "Sandbox";

        Assert.Contains("Adyen:Mode is Sandbox, which is refused in Production", factory.StartFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_refuses_to_start_in_production_without_a_mode()
    {
        using var factory = new ProductionFactory();

        Assert.Contains("Adyen:Mode is required", factory.StartFailure(), StringComparison.Ordinal);
    }

    private sealed class ProductionFactory : StorefrontFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
