using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Payments.Sandbox;
using Storefront.Shared;

namespace Storefront.Tests.Payments.Sandbox;

public sealed class SandboxWebhookScheduleTests
{
    [Fact]
    public void Adyens_schedule_is_three_immediate_retries_then_a_queue_then_every_eight_hours_for_thirty_days()
    {
        var delays = SandboxWebhookSchedule.RetryDelays(new SandboxOptions()).ToArray();

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
                TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4),
                TimeSpan.FromHours(8), TimeSpan.FromHours(8)],
            delays[..13]);
        Assert.All(delays[11..], d => Assert.Equal(TimeSpan.FromHours(8), d));
        var total = delays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d);
        Assert.InRange(total, TimeSpan.FromDays(30) - TimeSpan.FromHours(8), TimeSpan.FromDays(30));
    }

    [Fact]
    public void The_scale_compresses_every_delay_and_the_thirty_days()
    {
        var adyen = SandboxWebhookSchedule.RetryDelays(new SandboxOptions()).ToArray();

        var scaled = SandboxWebhookSchedule.RetryDelays(new SandboxOptions { WebhookRetryScale = 0.001 }).ToArray();

        Assert.Equal(adyen.Length, scaled.Length);
        Assert.Equal(adyen.Select(d => d * 0.001), scaled);
        Assert.Equal(TimeSpan.FromMilliseconds(120), scaled[3]);
    }

    [Fact]
    public void An_explicit_list_replaces_the_schedule_and_ends_it()
    {
        TimeSpan[] explicitDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(50)];

        Assert.Equal(explicitDelays, SandboxWebhookSchedule.RetryDelays(new SandboxOptions { WebhookRetryDelays = explicitDelays }));
    }
}

/// <summary>The sandbox's state on its own, with time in the test's hands.</summary>
public sealed class AdyenSandboxStateTests
{
    private static readonly SandboxMethod KakaoPay = SandboxMethod.Find("kakaopay")!;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_abandoned_offer_is_closed_once_when_its_lifetime_is_over()
    {
        var sandbox = new AdyenSandbox(_time);
        var payment = Start(sandbox, "ORD-1");

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(sandbox.EventHistory);
        Assert.Equal(SandboxOutcome.AwaitingShopper, payment.Outcome);

        _time.Advance(TimeSpan.FromMinutes(1));
        var closed = Assert.Single(sandbox.EventHistory);
        Assert.Equal((SandboxEventCodes.OfferClosed, true, "ORD-1", payment.PspReference), (closed.EventCode, closed.Success, closed.MerchantReference, closed.PspReference));
        Assert.Equal(_time.GetUtcNow(), closed.EventDate);
        Assert.Equal(SandboxOutcome.Expired, payment.Outcome);

        _time.Advance(TimeSpan.FromHours(3));
        sandbox.Decide(payment, ShopperDecision.Approve, consentToStore: false);
        Assert.Single(sandbox.EventHistory);
        Assert.Equal(SandboxOutcome.Expired, payment.Outcome);
    }

    [Fact]
    public void A_decided_payment_is_never_closed()
    {
        var sandbox = new AdyenSandbox(_time);
        var payment = Start(sandbox, "ORD-2");

        _time.Advance(TimeSpan.FromMinutes(30));
        sandbox.Decide(payment, ShopperDecision.Decline, consentToStore: false);
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Equal([SandboxEventCodes.Authorisation], sandbox.EventHistory.Select(e => e.EventCode));
    }

    [Fact]
    public void A_refund_that_fails_later_fails_once_its_webhook_was_accepted()
    {
        var sandbox = new AdyenSandbox(_time);
        var payment = Start(sandbox, "ORD-3");
        sandbox.Decide(payment, ShopperDecision.Approve, consentToStore: false);

        var refundPsp = sandbox.Modify(SandboxEventCodes.Refund, payment.PspReference!, "Merchant", "RFD-3", new Money(5_000, "KRW"), SandboxRefundFailure.AfterSuccess);
        var refund = sandbox.EventHistory.Single(e => e.PspReference == refundPsp);
        Assert.Equal(5_000, payment.RefundedMinorUnits);
        Assert.True(refund.Success);

        sandbox.Delivered(refund);
        sandbox.Delivered(refund);

        var failed = Assert.Single(sandbox.EventHistory, e => e.EventCode == SandboxEventCodes.RefundFailed);
        Assert.Equal((refundPsp, payment.PspReference, "RFD-3", (Money?)new Money(5_000, "KRW")), (failed.PspReference, failed.OriginalReference, failed.MerchantReference, failed.Amount));
        Assert.Equal(0, payment.RefundedMinorUnits);
    }

    [Fact]
    public async Task Waiting_for_a_delivery_sees_past_and_future_attempts()
    {
        var sandbox = new AdyenSandbox(_time);
        var first = Delivery("A");
        sandbox.RecordDelivery(first);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        Assert.Equal(first, await sandbox.WaitForDeliveryAsync(d => d.Event.MerchantReference == "A", deadline.Token));
        var waiting = sandbox.WaitForDeliveryAsync(d => d.Event.MerchantReference == "B", deadline.Token);
        Assert.False(waiting.IsCompleted);
        sandbox.RecordDelivery(Delivery("C"));
        sandbox.RecordDelivery(Delivery("B"));
        Assert.Equal("B", (await waiting).Event.MerchantReference);
    }

    private SandboxPayment Start(AdyenSandbox sandbox, string reference) =>
        sandbox.StartRedirect("Merchant", reference, new Money(15_000, "KRW"), KakaoPay, "https://shop.test/return", null, false, TimeSpan.FromHours(1));

    private SandboxDelivery Delivery(string reference) => new(
        new SandboxEvent(SandboxEventCodes.Authorisation, true, "PSP", null, "Merchant", reference, null, "kakaopay", null, null, _time.GetUtcNow()),
        1, null, 200, null, _time.GetUtcNow(), TimeSpan.Zero);
}

public sealed class SandboxWebhookMessageTests
{
    private static readonly SandboxEvent Authorisation = new(
        SandboxEventCodes.Authorisation, true, "ZX7Q2L4M9B8K3C1D", null, "ShopKR_Ecom", "ORD-2024-000123", new Money(15_000, "KRW"),
        "kakaopay", null, null, new DateTimeOffset(2025, 3, 1, 10, 15, 30, TimeSpan.FromHours(9)));

    private static readonly SandboxEvent TokenCreated = new(
        SandboxEventCodes.TokenCreated, true, "TK8P3W2Q9R7S5T1V", "ZX7Q2L4M9B8K3C1D", "ShopKR_Ecom", "ORD-2024-000123", null,
        "kakaopay", "cust-00042", null, new DateTimeOffset(2025, 3, 1, 10, 15, 30, TimeSpan.FromHours(9)), EventId: "ZX7Q2L4M9B8K3C1D");

    [Fact]
    public void A_standard_message_is_signed_like_the_documented_vector()
    {
        var message = SandboxWebhookMessage.Create(Authorisation, new AdyenOptions { HmacKeys = [WebhookSandboxFactory.HmacKey] });

        Assert.True(message.Signed);
        var item = JsonSerializer.Deserialize<NotificationRequest>(message.Body, JsonSerializerOptions.Web)!.NotificationItems!.Single().Item!;
        // adyen-kakaopay-api.md section 5a: the same item and key give this signature.
        Assert.Equal("J7JakGZjZsu/tWqXdFMI+YnEJmhxJAbOVrJmyYMoqcM=", item.HmacSignature);
        Assert.Equal("2025-03-01T10:15:30+09:00", item.EventDate);
        Assert.True(WebhookSchema.Standard.Validate(Encoding.UTF8.GetString(message.Body)).IsValid);
    }

    [Fact]
    public void A_tokenization_message_is_signed_over_its_exact_bytes()
    {
        var message = SandboxWebhookMessage.Create(TokenCreated, new AdyenOptions { TokenizationHmacKeys = [WebhookSandboxFactory.HmacKey] });

        // The body as the receiver will read it: unescaped "+09:00", no version, data.operation on created.
        Assert.Equal(
            """{"createdAt":"2025-03-01T10:15:30+09:00","data":{"merchantAccount":"ShopKR_Ecom","shopperReference":"cust-00042","storedPaymentMethodId":"TK8P3W2Q9R7S5T1V","type":"kakaopay","operation":"created"},"environment":"test","eventId":"ZX7Q2L4M9B8K3C1D","type":"recurring.token.created"}""",
            Encoding.UTF8.GetString(message.Body));
        Assert.True(AdyenHmac.IsValid(message.Body, message.HmacSignatureHeader, [WebhookSandboxFactory.HmacKey]));
    }

    [Fact]
    public void Korean_text_goes_as_utf8_and_the_signature_covers_it()
    {
        var korean = Authorisation with { MerchantReference = "주문-000123" };

        var message = SandboxWebhookMessage.Create(korean, new AdyenOptions { HmacKeys = [WebhookSandboxFactory.HmacKey] });

        Assert.Contains("\"merchantReference\":\"주문-000123\"", Encoding.UTF8.GetString(message.Body), StringComparison.Ordinal);
        var item = JsonSerializer.Deserialize<NotificationRequest>(message.Body, JsonSerializerOptions.Web)!.NotificationItems!.Single().Item!;
        Assert.True(AdyenHmac.IsValid(item, [WebhookSandboxFactory.HmacKey]));
    }

    [Fact]
    public void Without_keys_messages_go_unsigned_rather_than_not_at_all()
    {
        var standard = SandboxWebhookMessage.Create(Authorisation, new AdyenOptions());
        var tokenization = SandboxWebhookMessage.Create(TokenCreated, new AdyenOptions());

        Assert.False(standard.Signed);
        Assert.DoesNotContain("hmacSignature", Encoding.UTF8.GetString(standard.Body), StringComparison.Ordinal);
        Assert.DoesNotContain("additionalData", Encoding.UTF8.GetString(standard.Body), StringComparison.Ordinal);
        Assert.False(tokenization.Signed);
        Assert.Null(tokenization.HmacSignatureHeader);
    }
}
