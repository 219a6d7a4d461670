using Microsoft.EntityFrameworkCore;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>
/// Refunds, reversals and notices on paid orders: a modification stays Requested until Adyen's webhook confirms or
/// rejects it, and what the shop did not ask for is recorded and flagged, never dropped
/// (F11, F21, docs/payment-failure-modes.md).
/// </summary>
public sealed class ModificationWebhookTests(SandboxFactory app) : IClassFixture<SandboxFactory>, IDisposable
{
    private readonly AdyenWebhooks _adyen = new(app);

    [Fact]
    public async Task A_refund_webhook_confirms_a_requested_refund_and_refund_failed_reopens_it()
    {
        var payment = await PaidOrderAsync(skip: 0);
        var refund = await RequestRefundAsync(payment, 5_000, submit: true);
        var confirmed = _adyen.Item("REFUND", refund.PspReference!, refund.Reference, new Amount("KRW", 5_000), originalReference: payment.PspReference);

        await _adyen.SendAsync(confirmed);

        await _adyen.ProcessedAsync(confirmed);
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal(ModificationStatus.Confirmed, order.Modifications.Single().Status);
        Assert.Equal(PaymentStatus.PartiallyRefunded, order.PaymentStatus);
        Assert.Equal(payment.Amount.Value - 5_000, order.RefundableAmount);
        var confirmation = Assert.Single(order.Events, e => e.Kind == "RefundConfirmed");
        Assert.Equal(OrderEventSource.Webhook, confirmation.Source);
        Assert.Contains(refund.PspReference!, confirmation.Payload, StringComparison.Ordinal);
        Assert.Null(order.ReviewReason);

        var failed = _adyen.Item("REFUND_FAILED", refund.PspReference!, refund.Reference, new Amount("KRW", 5_000),
            originalReference: payment.PspReference, reason: "Refund rejected by the scheme");
        await _adyen.SendAsync(failed);

        await _adyen.ProcessedAsync(failed);
        order = await app.OrderAsync(payment.OrderNumber);
        var reopened = order.Modifications.Single();
        Assert.Equal((ModificationStatus.Failed, "Refund rejected by the scheme"), (reopened.Status, reopened.FailureReason));
        Assert.Equal(PaymentStatus.Authorised, order.PaymentStatus);
        Assert.Equal(payment.Amount.Value, order.RefundableAmount);
        Assert.Contains(refund.Reference, order.ReviewReason, StringComparison.Ordinal);
        Assert.Single(order.Events, e => e.Kind == "RefundFailed" && e.Source == OrderEventSource.Webhook);
    }

    [Fact]
    public async Task Refund_failed_for_a_refund_still_requested_fails_it_and_flags_the_order()
    {
        var payment = await PaidOrderAsync(skip: 1);
        var refund = await RequestRefundAsync(payment, 3_000, submit: true);
        var failed = _adyen.Item("REFUND", refund.PspReference!, refund.Reference, new Amount("KRW", 3_000),
            originalReference: payment.PspReference, success: false, reason: "Insufficient balance on payment");

        await _adyen.SendAsync(failed);

        await _adyen.ProcessedAsync(failed);
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal(ModificationStatus.Failed, order.Modifications.Single().Status);
        Assert.Equal(payment.Amount.Value, order.RefundableAmount);
        Assert.Contains("Insufficient balance", order.ReviewReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refund_is_matched_by_our_reference_before_its_psp_reference_is_known()
    {
        var payment = await PaidOrderAsync(skip: 2);
        var refund = await RequestRefundAsync(payment, 2_000, submit: false);
        var refundPspReference = AdyenWebhooks.NewPspReference();
        var item = _adyen.Item("REFUND", refundPspReference, refund.Reference, new Amount("KRW", 2_000), originalReference: payment.PspReference);

        await _adyen.SendAsync(item);

        await _adyen.ProcessedAsync(item);
        var modification = (await app.OrderAsync(payment.OrderNumber)).Modifications.Single();
        Assert.Equal((ModificationStatus.Confirmed, refundPspReference), (modification.Status, modification.PspReference));
    }

    [Fact]
    public async Task A_refund_made_in_the_customer_area_is_recorded_not_lost()
    {
        var payment = await PaidOrderAsync(skip: 3);
        var item = _adyen.Item("REFUND", AdyenWebhooks.NewPspReference(), payment.AttemptReference, new Amount("KRW", 4_000), originalReference: payment.PspReference);

        await _adyen.SendAsync(item);

        await _adyen.ProcessedAsync(item);
        var order = await app.OrderAsync(payment.OrderNumber);
        var external = Assert.Single(order.Modifications);
        Assert.Equal((ModificationKind.Refund, ModificationStatus.Confirmed, 4_000L, item.PspReference, (string?)null),
            (external.Kind, external.Status, external.Amount, external.PspReference, external.RequestedBy));
        Assert.Equal(PaymentStatus.PartiallyRefunded, order.PaymentStatus);
        Assert.Single(order.Events, e => e.Kind == "RefundConfirmed" && e.Payload!.Contains(item.PspReference!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_confirmed_reversal_cancels_the_paid_order_and_gives_the_stock_back()
    {
        var slug = await app.StockedProductAsync(skip: 4);
        var stockBefore = await app.StockOfAsync(slug);
        var payment = await PaidOrderAsync(slug: slug);
        Assert.Equal(stockBefore - 1, await app.StockOfAsync(slug));
        var reversal = await app.WithDbAsync(async db =>
        {
            var order = await db.Orders.Include(o => o.Attempts).Include(o => o.Modifications).AsSplitQuery().SingleAsync(o => o.Number == payment.OrderNumber);
            var modification = order.Cancel("Shopper changed their mind", "merch@test.local", DateTime.UtcNow)!;
            await db.SaveChangesAsync();
            return modification.Reference;
        });
        var item = _adyen.Item("CANCEL_OR_REFUND", AdyenWebhooks.NewPspReference(), reversal, payment.Amount, originalReference: payment.PspReference,
            additionalData: new Dictionary<string, string> { ["modification.action"] = "refund" });

        await _adyen.SendAsync(item);

        await _adyen.ProcessedAsync(item);
        var cancelled = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal((OrderStatus.Cancelled, PaymentStatus.Refunded), (cancelled.Status, cancelled.PaymentStatus));
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));
    }

    [Fact]
    public async Task A_capture_is_kept_on_the_timeline_and_a_chargeback_or_failed_capture_flags_the_order()
    {
        var payment = await PaidOrderAsync(skip: 5);
        var capture = _adyen.Item("CAPTURE", AdyenWebhooks.NewPspReference(), payment.AttemptReference, payment.Amount, originalReference: payment.PspReference);

        await _adyen.SendAsync(capture);

        await _adyen.ProcessedAsync(capture);
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Single(order.Events, e => e.Kind == "CAPTURE" && e.Source == OrderEventSource.Webhook && e.Payload!.Contains(capture.PspReference!, StringComparison.Ordinal));
        Assert.Null(order.ReviewReason);
        Assert.Equal((OrderStatus.Paid, PaymentStatus.Authorised), (order.Status, order.PaymentStatus));

        var chargeback = _adyen.Item("CHARGEBACK", AdyenWebhooks.NewPspReference(), payment.AttemptReference, payment.Amount,
            originalReference: payment.PspReference, reason: "Fraudulent transaction");
        var captureFailed = _adyen.Item("CAPTURE_FAILED", AdyenWebhooks.NewPspReference(), payment.AttemptReference, payment.Amount, originalReference: payment.PspReference);
        await _adyen.SendAsync(chargeback);
        await _adyen.SendAsync(captureFailed);

        await _adyen.ProcessedAsync(chargeback);
        await _adyen.ProcessedAsync(captureFailed);
        order = await app.OrderAsync(payment.OrderNumber);
        Assert.Contains(chargeback.PspReference!, order.ReviewReason, StringComparison.Ordinal);
        Assert.Contains(captureFailed.PspReference!, order.ReviewReason, StringComparison.Ordinal);
        Assert.Single(order.Events, e => e.Kind == "CHARGEBACK");
        Assert.Single(order.Events, e => e.Kind == "CAPTURE_FAILED");
    }

    [Fact]
    public async Task A_modification_of_a_payment_we_do_not_know_is_kept_unmatched()
    {
        var item = _adyen.Item("REFUND", AdyenWebhooks.NewPspReference(), "SF-UNKNOWN-R1", new Amount("KRW", 1_000), originalReference: AdyenWebhooks.NewPspReference());
        var notice = _adyen.Item("CHARGEBACK", AdyenWebhooks.NewPspReference(), "SF-UNKNOWN-1", new Amount("KRW", 1_000), originalReference: AdyenWebhooks.NewPspReference());

        await _adyen.SendAsync(item);
        await _adyen.SendAsync(notice);

        await _adyen.ProcessedAsync(item, WebhookStatus.Unmatched);
        await _adyen.ProcessedAsync(notice, WebhookStatus.Unmatched);
    }

    public void Dispose() => _adyen.Dispose();

    /// <summary>An order paid through checkout, KakaoPay and the return page.</summary>
    private async Task<DecidedPayment> PaidOrderAsync(int skip = 0, string? slug = null)
    {
        using var browser = app.CreateBrowser();
        var payment = await browser.DecideWithoutReturningAsync(app, slug ?? await app.StockedProductAsync(skip: skip), quantity: slug is null ? 2 : 1);
        await browser.Client.GetAsync(payment.ReturnUrl);
        Assert.Equal(OrderStatus.Paid, (await app.OrderAsync(payment.OrderNumber)).Status);
        return payment;
    }

    /// <summary>A merchandiser's refund, saved as Requested and (when <paramref name="submit"/>) sent to the sandbox under its reference.</summary>
    private async Task<PaymentModification> RequestRefundAsync(DecidedPayment payment, long amount, bool submit)
    {
        var reference = await app.WithDbAsync(async db =>
        {
            var order = await db.Orders.Include(o => o.Attempts).Include(o => o.Modifications).AsSplitQuery().SingleAsync(o => o.Number == payment.OrderNumber);
            var modification = order.RequestRefund(amount, "Damaged in transit", "merch@test.local", DateTime.UtcNow);
            await db.SaveChangesAsync();
            return modification.Reference;
        });
        if (submit)
        {
            var response = await app.Adyen.RefundAsync(payment.PspReference, new PaymentRefundRequest { Amount = new Amount("KRW", amount), Reference = reference }, reference);
            await app.WithDbAsync(async db =>
            {
                (await db.PaymentModifications.SingleAsync(m => m.Reference == reference)).RecordSubmitted(response.PspReference);
                await db.SaveChangesAsync();
            });
        }
        return await app.WithDbAsync(db => db.PaymentModifications.AsNoTracking().SingleAsync(m => m.Reference == reference));
    }
}
