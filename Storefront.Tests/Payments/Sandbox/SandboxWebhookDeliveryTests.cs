using Storefront.Payments.Adyen;
using Storefront.Payments.Sandbox;
using static Storefront.Tests.Payments.Sandbox.SandboxPayments;
using static Storefront.Tests.Payments.Sandbox.WebhookSandboxFactory;

namespace Storefront.Tests.Payments.Sandbox;

/// <summary>The sandbox posts its outcomes to the store's webhook URLs as Adyen does; here a receiver of the test's own.</summary>
public sealed class SandboxWebhookDeliveryTests(WebhookSandboxFactory app) : IClassFixture<WebhookSandboxFactory>
{
    [Theory]
    [InlineData("approve", true, "")]
    [InlineData("decline", false, "Refused")]
    [InlineData("cancel", false, "Cancelled")]
    public async Task The_shoppers_decision_is_followed_by_an_authorisation_webhook(string decision, bool success, string reason)
    {
        var shopper = NewShopper();
        var payment = await PayAsync(app, decision, shopper);

        var item = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.MerchantReference == payment.MerchantReference));

        Assert.Equal(("AUTHORISATION", success ? "true" : "false", reason), (item.EventCode, item.Success, item.Reason));
        Assert.Equal(payment.PspReference, item.PspReference);
        Assert.Null(item.OriginalReference);
        Assert.Equal(new Amount("KRW", 15_000), item.Amount);
        Assert.Equal((AdyenOptions.SandboxMerchantAccount, "kakaopay"), (item.MerchantAccountCode, item.PaymentMethod));
        Assert.Equal(shopper, item.AdditionalData!["shopperReference"]);
        var delivery = await app.DeliveryAsync(d => d.Event.MerchantReference == payment.MerchantReference && d.Accepted);
        Assert.Equal((1, 200, new Uri(app.Receiver.StandardUrl)), (delivery.Attempt, delivery.StatusCode, delivery.Url));
    }

    [Fact]
    public async Task An_authorisation_without_a_shopper_carries_only_the_signature()
    {
        var payment = await PayAsync(app, "approve");

        var item = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.MerchantReference == payment.MerchantReference));

        Assert.Equal(["hmacSignature"], item.AdditionalData!.Keys);
    }

    [Fact]
    public async Task A_consented_stored_payment_is_followed_by_recurring_contract_and_token_created()
    {
        var shopper = NewShopper();
        var payment = await PayAsync(app, "approve", shopper, store: true);
        var token = Assert.Single(app.Sandbox.TokensOf(shopper));

        var contract = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item is { EventCode: "RECURRING_CONTRACT" } i && i.MerchantReference == payment.MerchantReference));
        Assert.Equal((token.Id, payment.PspReference, payment.PspReference, "true"),
            (contract.PspReference, contract.OriginalReference, contract.OriginalPsp, contract.Success));
        Assert.Equal(new Amount("KRW", 0), contract.Amount);
        Assert.Equal(shopper, contract.AdditionalData!["shopperReference"]);
        Assert.Equal(shopper, contract.AdditionalData["recurring.shopperReference"]);
        Assert.Equal(token.Id, contract.AdditionalData["recurring.recurringDetailReference"]);

        var created = AssertTokenization(await app.Receiver.WaitForAsync(w => w.Token?.Data?.ShopperReference == shopper));
        Assert.Equal(("recurring.token.created", "test", payment.PspReference), (created.Type, created.Environment, created.EventId));
        Assert.Equal((AdyenOptions.SandboxMerchantAccount, token.Id, "kakaopay", "created"),
            (created.Data!.MerchantAccount, created.Data.StoredPaymentMethodId, created.Data.Type, created.Data.Operation));
        Assert.True(DateTimeOffset.TryParse(created.CreatedAt, out _), created.CreatedAt);

        var authorisation = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item is { EventCode: "AUTHORISATION" } i && i.MerchantReference == payment.MerchantReference));
        Assert.Equal(shopper, authorisation.AdditionalData!["shopperReference"]);
    }

    [Fact]
    public async Task A_payment_that_asked_to_store_but_was_declined_sends_no_token_webhooks()
    {
        var shopper = NewShopper();
        var payment = await PayAsync(app, "decline", shopper, store: true);
        await app.Receiver.WaitForAsync(w => w.Item?.MerchantReference == payment.MerchantReference);
        var later = await PayAsync(app, "approve");
        await app.DeliveryAsync(d => d.Event.MerchantReference == later.MerchantReference && d.Accepted);

        Assert.DoesNotContain(app.Sandbox.EventHistory, e => e.ShopperReference == shopper && e.EventCode != SandboxEventCodes.Authorisation);
        Assert.DoesNotContain(app.Receiver.Received, w => w.Token?.Data?.ShopperReference == shopper);
    }

    [Fact]
    public async Task A_token_payment_and_the_tokens_deletion_are_told_by_webhook()
    {
        var shopper = NewShopper();
        var token = await StoreTokenAsync(app, shopper);
        var reference = NewReference();

        var paid = await PayWithTokenAsync(app, token, reference);
        var authorisation = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.MerchantReference == reference));
        Assert.Equal(("AUTHORISATION", "true", paid.PspReference), (authorisation.EventCode, authorisation.Success, authorisation.PspReference));
        Assert.Equal(new Amount("KRW", 9_900), authorisation.Amount);
        Assert.Equal(shopper, authorisation.AdditionalData!["shopperReference"]);

        await app.Adyen.DeleteStoredPaymentMethodAsync(token.Id, shopper);
        var disabled = AssertTokenization(await app.Receiver.WaitForAsync(w => w.Token is { Type: "recurring.token.disabled" } t && t.Data?.ShopperReference == shopper));
        Assert.Equal((AdyenOptions.SandboxMerchantAccount, token.Id, "kakaopay", null),
            (disabled.Data!.MerchantAccount, disabled.Data.StoredPaymentMethodId, disabled.Data.Type, disabled.Data.Operation));
        Assert.Matches("^[A-Z0-9]{16}$", disabled.EventId);
    }

    [Fact]
    public async Task Modification_outcomes_name_the_modification_and_the_payment()
    {
        var payment = await PayAsync(app, "approve");
        var psp = payment.PspReference!;
        var refundReference = "RFD-" + payment.MerchantReference;

        var refund = await app.Adyen.RefundAsync(psp, new PaymentRefundRequest { Amount = new Amount("KRW", 5_000), Reference = refundReference }, "refund:" + refundReference);
        var refunded = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.PspReference == refund.PspReference));
        Assert.Equal(("REFUND", "true", psp, refundReference), (refunded.EventCode, refunded.Success, refunded.OriginalReference, refunded.MerchantReference));
        Assert.Equal(new Amount("KRW", 5_000), refunded.Amount);

        var tooMuch = await app.Adyen.RefundAsync(psp, new PaymentRefundRequest { Amount = new Amount("KRW", 20_000), Reference = refundReference + "-big" }, null);
        var refused = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.PspReference == tooMuch.PspReference));
        Assert.Equal(("REFUND", "false", "Amount exceeds what is left to refund"), (refused.EventCode, refused.Success, refused.Reason));

        var cancel = await app.Adyen.CancelAsync(psp, new PaymentCancelRequest { Reference = "CXL-" + payment.MerchantReference }, null);
        var cancellation = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.PspReference == cancel.PspReference));
        Assert.Equal(("CANCELLATION", "false", psp, "CXL-" + payment.MerchantReference),
            (cancellation.EventCode, cancellation.Success, cancellation.OriginalReference, cancellation.MerchantReference));

        var reversal = await app.Adyen.ReversalAsync(psp, new PaymentReversalRequest(), null);
        var reversed = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.PspReference == reversal.PspReference));
        Assert.Equal(("CANCEL_OR_REFUND", "true", psp), (reversed.EventCode, reversed.Success, reversed.OriginalReference));
        Assert.Equal("refund", reversed.AdditionalData!["modification.action"]);
        Assert.Equal(payment.MerchantReference, reversed.MerchantReference);
        Assert.Equal(new Amount("KRW", 10_000), reversed.Amount);
    }

    [Fact]
    public async Task Failed_deliveries_are_retried_on_the_scaled_schedule_until_the_first_2xx()
    {
        var reference = NewReference();
        app.Receiver.Script(w => w.Item?.MerchantReference == reference, 500, 503, 500, 404, 500, 500);

        using (var browser = app.CreateBrowser())
            await SandboxShopper.PayAsync(browser, (await StartAsync(app, reference)).Action!, "approve");
        var accepted = await app.DeliveryAsync(d => d.Event.MerchantReference == reference && d.Accepted);

        var attempts = app.Sandbox.Deliveries.Where(d => d.Event.MerchantReference == reference).ToArray();
        Assert.Equal([500, 503, 500, 404, 500, 500, 200], attempts.Select(d => d.StatusCode));
        Assert.Equal(Enumerable.Range(1, 7), attempts.Select(d => d.Attempt));
        Assert.Equal(accepted, attempts[^1]);
        Assert.All(attempts[..^1], d => Assert.Equal($"answered {d.StatusCode}", d.Failure));
        // Three immediate retries, then 2, 5 and 10 minutes scaled by 0.001.
        foreach (var (attempt, wait) in new[] { (4, 120), (5, 300), (6, 600) })
        {
            var waited = attempts[attempt].StartedAt - (attempts[attempt - 1].StartedAt + attempts[attempt - 1].Duration);
            Assert.True(waited >= TimeSpan.FromMilliseconds(wait * 0.9), $"Attempt {attempt + 1} came {waited} after the previous one, expected {wait} ms");
        }

        var requests = app.Receiver.Received.Where(w => w.Item?.MerchantReference == reference).ToArray();
        Assert.Equal(7, requests.Length);
        Assert.All(requests, r => Assert.Equal(requests[0].Body, r.Body));

        // Nothing follows the 2xx: another event goes through, and this one still has its seven attempts.
        var later = await PayAsync(app, "approve");
        await app.DeliveryAsync(d => d.Event.MerchantReference == later.MerchantReference && d.Accepted);
        Assert.Equal(7, app.Sandbox.Deliveries.Count(d => d.Event.MerchantReference == reference));
    }
}
