using System.Net;
using Storefront.Payments.Adyen;
using Storefront.Payments.Sandbox;
using static Storefront.Tests.Payments.Sandbox.SandboxPayments;
using static Storefront.Tests.Payments.Sandbox.WebhookSandboxFactory;

namespace Storefront.Tests.Payments.Sandbox;

public sealed class ShortOfferWebhookTests(ShortOfferSandboxFactory app) : IClassFixture<ShortOfferSandboxFactory>
{
    [Fact]
    public async Task A_payment_left_at_the_kakaopay_page_is_closed_with_offer_closed()
    {
        var reference = NewReference();
        var started = await StartAsync(app, reference);

        var item = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.MerchantReference == reference));

        var payment = app.Sandbox.PaymentsFor(reference).Single();
        Assert.Equal(SandboxOutcome.Expired, payment.Outcome);
        Assert.Equal(("OFFER_CLOSED", "true", payment.PspReference), (item.EventCode, item.Success, item.PspReference));
        Assert.Equal((new Amount("KRW", 15_000), "kakaopay"), (item.Amount, item.PaymentMethod));
        Assert.Single(app.Sandbox.EventHistory, e => e.MerchantReference == reference);

        using var browser = app.CreateBrowser();
        var page = await SandboxShopper.OpenApprovalPageAsync(browser, started.Action!);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Null(page.Document.QuerySelector("form"));
        Assert.Equal(app.ReturnUrl(reference), page.Document.QuerySelector("a#return-link")!.GetAttribute("href"));
    }
}

public sealed class RefusingWebhookTests(RefusingSandboxFactory app) : IClassFixture<RefusingSandboxFactory>
{
    [Fact]
    public async Task A_refused_token_payment_is_an_unsuccessful_authorisation()
    {
        var shopper = NewShopper();
        var token = await StoreTokenAsync(app, shopper);
        var reference = NewReference();

        var refused = await PayWithTokenAsync(app, token, reference);

        Assert.Equal(PaymentResultCode.Refused, refused.ResultCode);
        var item = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.MerchantReference == reference));
        Assert.Equal(("AUTHORISATION", "false", "Refused", refused.PspReference), (item.EventCode, item.Success, item.Reason, item.PspReference));
        Assert.Equal(shopper, item.AdditionalData!["shopperReference"]);
    }

    [Fact]
    public async Task A_refused_refund_is_an_unsuccessful_refund_and_nothing_more()
    {
        var payment = await PayAsync(app, "approve");

        var refund = await app.Adyen.RefundAsync(payment.PspReference!, new PaymentRefundRequest { Amount = new Amount("KRW", 5_000), Reference = "RFD-" + payment.MerchantReference }, null);

        var item = AssertStandard(await app.Receiver.WaitForAsync(w => w.Item?.PspReference == refund.PspReference));
        Assert.Equal(("REFUND", "false", payment.PspReference), (item.EventCode, item.Success, item.OriginalReference));
        Assert.Contains("FailRefunds", item.Reason, StringComparison.Ordinal);
        Assert.Equal(0, app.Sandbox.PaymentsFor(payment.MerchantReference).Single().RefundedMinorUnits);
        Assert.Single(app.Sandbox.EventHistory, e => e.PspReference == refund.PspReference);
    }
}

public sealed class RefundsFailLaterWebhookTests(RefundsFailLaterSandboxFactory app) : IClassFixture<RefundsFailLaterSandboxFactory>
{
    [Fact]
    public async Task A_refund_that_fails_later_is_a_successful_refund_then_refund_failed()
    {
        var payment = await PayAsync(app, "approve");
        var refundReference = "RFD-" + payment.MerchantReference;

        var refund = await app.Adyen.RefundAsync(payment.PspReference!, new PaymentRefundRequest { Amount = new Amount("KRW", 5_000), Reference = refundReference }, null);

        var (first, then) = (await app.Receiver.WaitForAsync(w => w.Item?.PspReference == refund.PspReference, 2)) switch
        {
            [var a, var b] => (AssertStandard(a), AssertStandard(b)),
            var other => throw new InvalidOperationException($"{other.Count} webhooks"),
        };
        Assert.Equal(("REFUND", "true"), (first.EventCode, first.Success));
        // Adyen's REFUND_FAILED says success "true": the event (the failure) happened.
        Assert.Equal(("REFUND_FAILED", "true", payment.PspReference, refundReference), (then.EventCode, then.Success, then.OriginalReference, then.MerchantReference));
        Assert.Equal(new Amount("KRW", 5_000), then.Amount);
        Assert.Equal(0, app.Sandbox.PaymentsFor(payment.MerchantReference).Single().RefundedMinorUnits);
    }
}

public sealed class ImpatientWebhookTests(ImpatientSandboxFactory app) : IClassFixture<ImpatientSandboxFactory>
{
    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_gets_the_webhook_again()
    {
        var reference = NewReference();
        app.Receiver.Script(w => w.Item?.MerchantReference == reference, WebhookRecorder.Hang, WebhookRecorder.Hang);

        using (var browser = app.CreateBrowser())
            await SandboxShopper.PayAsync(browser, (await StartAsync(app, reference)).Action!, "decline");
        var accepted = await app.DeliveryAsync(d => d.Event.MerchantReference == reference && d.Accepted);

        var attempts = app.Sandbox.Deliveries.Where(d => d.Event.MerchantReference == reference).ToArray();
        Assert.All(attempts[..2], d =>
        {
            Assert.Null(d.StatusCode);
            Assert.Equal("no answer within 00:00:00.5000000", d.Failure);
            Assert.True(d.Duration >= TimeSpan.FromMilliseconds(450), $"gave up after {d.Duration}");
        });
        Assert.True(accepted.Attempt >= 3);
        Assert.Equal(200, accepted.StatusCode);
        Assert.Equal("false", AssertStandard(app.Receiver.Received.Last(w => w.Item?.MerchantReference == reference)).Success);
    }
}

public sealed class UnreachableReceiverTests(UnreachableReceiverSandboxFactory app) : IClassFixture<UnreachableReceiverSandboxFactory>
{
    [Fact]
    public async Task A_receiver_that_is_down_does_not_stop_the_sandbox()
    {
        var payment = await PayAsync(app, "approve");

        var last = await app.DeliveryAsync(d => d.Event.MerchantReference == payment.MerchantReference && d.GaveUp);

        var attempts = app.Sandbox.Deliveries.Where(d => d.Event.MerchantReference == payment.MerchantReference).ToArray();
        Assert.Equal([1, 2, 3], attempts.Select(d => d.Attempt));
        Assert.Equal(last, attempts[^1]);
        Assert.All(attempts, d => Assert.Equal((null, "could not be reached (ConnectionError)"), (d.StatusCode, d.Failure)));

        // The sandbox keeps serving and keeps delivering.
        var next = await PayAsync(app, "decline");
        Assert.Equal(SandboxOutcome.Refused, next.Outcome);
        await app.DeliveryAsync(d => d.Event.MerchantReference == next.MerchantReference);
        using var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/healthz")).StatusCode);
    }
}

public sealed class SandboxWebhookSettingsValidationTests
{
    [Theory]
    [InlineData("Adyen:Sandbox:WebhookRetryScale", "0")]
    [InlineData("Adyen:Sandbox:WebhookRetryDelays:0", "-00:00:01")]
    [InlineData("Adyen:Sandbox:WebhookUrl", "/webhooks/adyen")]
    [InlineData("Adyen:Sandbox:TokenWebhookUrl", "ftp://shop.test/webhooks/adyen/tokens")]
    [InlineData("Adyen:Sandbox:WebhookTimeout", "00:00:00")]
    [InlineData("Adyen:Sandbox:OfferLifetime", "00:00:00")]
    public void Webhook_settings_that_cannot_work_are_refused_at_start(string key, string value)
    {
        using var app = new SandboxFactory();
        app.Settings[key] = value;

        var thrown = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(Record.Exception(app.StartServer));

        Assert.Contains(key.Split(':')[2], thrown.Message, StringComparison.Ordinal);
    }
}
