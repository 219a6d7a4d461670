using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Payments.Sandbox;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// Two apps: B runs the sandbox and stands in for Adyen; A is an ordinary store in Test mode, pointed at B by
/// configuration alone, exactly as it would be pointed at Adyen's test endpoint or a proxy.
/// </summary>
public sealed class TwoStoresFixture : IDisposable
{
    public TwoStoresFixture()
    {
        Store.Settings["Adyen:Mode"] = "Test";
        Store.Settings["Adyen:ApiKey"] = AdyenOptions.SandboxApiKey;
        Store.Settings["Adyen:MerchantAccount"] = AdyenOptions.SandboxMerchantAccount;
        Store.Settings["Adyen:CheckoutUrl"] = AdyenServer.BaseAddress.GetLeftPart(UriPartial.Authority) + AdyenOptions.SandboxCheckoutPath;
        // Test mode also needs its webhook secrets configured, as it would for real Adyen.
        Store.UseWebhookSecrets();
    }

    /// <summary>App B: the Adyen-compatible server.</summary>
    public SandboxFactory AdyenServer { get; } = new();

    /// <summary>App A: the store the shopper buys from.</summary>
    public StorefrontFactory Store { get; } = new();

    public void Dispose()
    {
        Store.Dispose();
        AdyenServer.Dispose();
    }
}

public sealed class AdyenCompatibleServerTests(TwoStoresFixture apps) : IClassFixture<TwoStoresFixture>
{
    [Fact]
    public async Task A_store_in_test_mode_pays_through_any_adyen_compatible_server_by_configuration_alone()
    {
        var store = apps.Store;
        var adyen = apps.AdyenServer;
        using var shopper = store.CreateBrowser();
        await shopper.ChooseCountryAsync("KR");
        await shopper.AddToCartAsync(await store.StockedProductAsync());

        var checkout = await shopper.GetAsync("/checkout");
        Assert.NotNull(checkout.Document.QuerySelector("input[type=radio][value=kakaopay]:checked"));
        var toKakaoPay = await shopper.SubmitCheckoutAsync();

        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var approvalPage = toKakaoPay.Headers.Location!;
        Assert.Equal(adyen.BaseAddress.Authority, approvalPage.Authority);
        Assert.StartsWith("/sandbox/adyen/checkoutshopper/redirect", approvalPage.AbsolutePath);
        var kakaoPay = await shopper.GetAsync(approvalPage.AbsoluteUri);
        Assert.Equal(AdyenOptions.SandboxMerchantAccount, kakaoPay.Document.QuerySelector("#merchant")?.TextContent);
        var order = await store.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Attempts).SingleAsync());
        Assert.Equal(order.Total.ToString(), kakaoPay.Document.QuerySelector("#amount")?.TextContent);

        var backToStore = await shopper.SubmitAsync(kakaoPay, "#approve-form");

        Assert.Equal(HttpStatusCode.SeeOther, backToStore.StatusCode);
        var returnUrl = backToStore.Headers.Location!;
        Assert.Equal(store.BaseAddress.Authority, returnUrl.Authority);
        Assert.Equal("/checkout/return", returnUrl.AbsolutePath);
        var toOrder = await shopper.Client.GetAsync(returnUrl);
        Assert.Equal(HttpStatusCode.SeeOther, toOrder.StatusCode);
        var orderPage = await shopper.GetAsync(toOrder.Headers.Location!.OriginalString);
        Assert.Equal("Paid", orderPage.Document.QuerySelector("[data-testid=order-status]")?.GetAttribute("data-status"));

        var paid = await store.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Attempts).SingleAsync());
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(PaymentStatus.Authorised, paid.PaymentStatus);
        // B took the payment and answered A's /payments/details once; the order itself exists only in A.
        var payment = Assert.Single(adyen.Sandbox.PaymentsFor(paid.Attempts.Single().Reference));
        Assert.Equal(1, payment.DetailsCalls);
        Assert.Equal(paid.TotalAmount, payment.Amount.MinorUnits);
        Assert.Equal(0, await adyen.WithDbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task The_store_in_test_mode_does_not_mount_the_sandbox()
    {
        var store = apps.Store;

        Assert.Equal(AdyenMode.Test, store.Services.GetRequiredService<IOptions<AdyenOptions>>().Value.Mode);
        Assert.Null(store.Services.GetService<AdyenSandbox>());
        using var browser = store.CreateBrowser();
        var approvalPage = await browser.Client.GetAsync("/sandbox/adyen/checkoutshopper/redirect?sessionId=anything");
        var checkoutApi = await browser.Client.PostAsync(AdyenOptions.SandboxCheckoutPath + "/paymentMethods", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, approvalPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, checkoutApi.StatusCode);
    }
}
