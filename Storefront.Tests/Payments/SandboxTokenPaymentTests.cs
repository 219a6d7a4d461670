using Storefront.Payments.Adyen;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// What the sandbox asks of a payment with a stored token, like Adyen's recurring rules
/// (F09, docs/payment-failure-modes.md).
/// </summary>
public sealed class SandboxTokenPaymentTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Theory]
    [InlineData(null, RecurringProcessingModel.UnscheduledCardOnFile, "sandbox_invalid_shopper_interaction")]
    [InlineData(ShopperInteraction.Ecommerce, RecurringProcessingModel.UnscheduledCardOnFile, "sandbox_invalid_shopper_interaction")]
    [InlineData(ShopperInteraction.ContAuth, null, "sandbox_required")]
    public async Task A_token_payment_without_cont_auth_or_a_recurring_model_is_rejected(
        ShopperInteraction? interaction, RecurringProcessingModel? model, string errorCode)
    {
        using var browser = app.CreateBrowser();
        var shopper = "shp_" + Guid.NewGuid().ToString("N");
        var first = "TK-" + Guid.NewGuid().ToString("N")[..12];
        var payment = await app.Adyen.PaymentsAsync(
            CheckoutContractTests.KakaoPay(first, app.ReturnUrl(first)) with { ShopperReference = shopper, StorePaymentMethod = true }, "pay:" + first);
        await SandboxShopper.PayAsync(browser, payment.Action!, "approve", consent: true);
        var token = Assert.Single(app.Sandbox.TokensOf(shopper));
        var reference = "TK-" + Guid.NewGuid().ToString("N")[..12];

        var rejected = await Assert.ThrowsAsync<AdyenRequestRejectedException>(() => app.Adyen.PaymentsAsync(new PaymentRequest
        {
            Amount = new Amount("KRW", 9_900),
            Reference = reference,
            PaymentMethod = new PaymentMethodDetails { Type = "kakaopay", StoredPaymentMethodId = token.Id },
            ReturnUrl = app.ReturnUrl(reference),
            ShopperReference = shopper,
            ShopperInteraction = interaction,
            RecurringProcessingModel = model,
        }, "pay:" + reference));

        Assert.Equal(errorCode, rejected.ErrorCode);
        Assert.Empty(app.Sandbox.PaymentsFor(reference));
    }
}
