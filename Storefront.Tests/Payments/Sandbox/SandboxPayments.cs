using Storefront.Payments.Adyen;
using Storefront.Payments.Sandbox;

namespace Storefront.Tests.Payments.Sandbox;

/// <summary>Payments made through our Adyen client and a shopper's browser at the sandbox's KakaoPay page.</summary>
public static class SandboxPayments
{
    public static string NewReference() => "WH-" + Guid.NewGuid().ToString("N")[..12];

    public static string NewShopper() => "shp_" + Guid.NewGuid().ToString("N");

    /// <summary>A KRW 15,000 KakaoPay payment, decided at the approval page; the sandbox's record of it.</summary>
    public static async Task<SandboxPayment> PayAsync(SandboxFactory app, string decision, string? shopper = null, bool store = false)
    {
        var reference = NewReference();
        var payment = await StartAsync(app, reference, shopper, store);
        using var browser = app.CreateBrowser();
        await SandboxShopper.PayAsync(browser, payment.Action!, decision, consent: store);
        return app.Sandbox.PaymentsFor(reference).Single();
    }

    public static Task<PaymentResponse> StartAsync(SandboxFactory app, string reference, string? shopper = null, bool store = false) =>
        app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)) with
        {
            ShopperReference = shopper,
            StorePaymentMethod = store ? true : null,
            RecurringProcessingModel = store ? RecurringProcessingModel.UnscheduledCardOnFile : null,
        }, "pay:" + reference);

    /// <summary>An approved payment that stored KakaoPay with the shopper's consent; the token it created.</summary>
    public static async Task<SandboxToken> StoreTokenAsync(SandboxFactory app, string shopper)
    {
        await PayAsync(app, "approve", shopper, store: true);
        return app.Sandbox.TokensOf(shopper).Single();
    }

    public static Task<PaymentResponse> PayWithTokenAsync(SandboxFactory app, SandboxToken token, string reference) =>
        app.Adyen.PaymentsAsync(new PaymentRequest
        {
            Amount = new Amount("KRW", 9_900),
            Reference = reference,
            PaymentMethod = new PaymentMethodDetails { Type = "kakaopay", StoredPaymentMethodId = token.Id },
            ReturnUrl = app.ReturnUrl(reference),
            ShopperReference = token.ShopperReference,
            ShopperInteraction = ShopperInteraction.ContAuth,
            RecurringProcessingModel = RecurringProcessingModel.UnscheduledCardOnFile,
        }, "pay:" + reference);
}
