using Storefront.Orders;
using static Storefront.Tests.Orders.OrderBuilder;

namespace Storefront.Tests.Orders;

/// <summary>A payment the order cannot keep is given back by the shop itself, once; a refund Adyen later rejects is reopened.</summary>
public sealed class AutomaticRefundTests
{
    private static (Order Order, PaymentAttempt Attempt) CancelledWhileAtKakaoPay()
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);
        attempt.RecordRedirect("{}", Now);
        order.Cancel("Out of stock", "merch", Now);
        return (order, attempt);
    }

    [Fact]
    public void A_late_success_is_refunded_in_full_from_its_own_attempt_whatever_the_order_status()
    {
        var (order, attempt) = CancelledWhileAtKakaoPay();
        Assert.Equal(PaymentChange.NeedsRefund, order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Webhook));

        var refund = order.RequestAutomaticRefund(attempt, Now);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal((ModificationKind.Refund, ModificationStatus.Requested, 15_000L, PaymentModification.SystemActor),
            (refund.Kind, refund.Status, refund.Amount, refund.RequestedBy));
        Assert.True(refund.IsAutomatic);
        Assert.Same(attempt, refund.Payment);
        Assert.Contains(order.Events, e => e.Kind == "RefundRequested" && e.Source == OrderEventSource.System);
        Assert.Equal([refund], order.AutomaticRefundsToSubmit);
    }

    [Fact]
    public void Asking_again_returns_the_same_refund_so_a_retry_never_refunds_twice()
    {
        var (order, attempt) = CancelledWhileAtKakaoPay();
        order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Webhook);
        var first = order.RequestAutomaticRefund(attempt, Now);

        var again = order.RequestAutomaticRefund(attempt, Now.AddMinutes(5));
        first.RecordSubmitted("RF0000000000001");

        Assert.Same(first, again);
        Assert.Single(order.Modifications);
        Assert.Empty(order.AutomaticRefundsToSubmit);
    }

    [Fact]
    public void The_payment_of_a_paid_order_and_an_attempt_without_money_are_not_refunded_automatically()
    {
        var paid = KakaoPayOrder();
        var payment = paid.StartAttempt("kakaopay", "submit-1", Now);
        paid.ApplyPaymentResult(payment, Authorised(), Now, OrderEventSource.Return);
        var (cancelled, unpaid) = CancelledWhileAtKakaoPay();

        Assert.Throws<OrderStateException>(() => paid.RequestAutomaticRefund(payment, Now));
        Assert.Throws<OrderStateException>(() => cancelled.RequestAutomaticRefund(unpaid, Now));
    }

    [Fact]
    public void A_refund_failing_after_it_was_confirmed_is_reopened_and_flagged_once()
    {
        var order = KakaoPayOrder(quantity: 2);
        var payment = order.StartAttempt("kakaopay", "submit-1", Now);
        order.ApplyPaymentResult(payment, Authorised(30_000), Now, OrderEventSource.Return);
        var refund = order.RequestRefund(10_000, "Damaged", "merch", Now);
        order.ApplyModificationResult(refund, true, "RF1", null, Now, OrderEventSource.Webhook);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 20_000L), (order.PaymentStatus, order.RefundableAmount));

        var change = order.ApplyModificationFailure(refund, "RF1", "Rejected by the scheme", Now, OrderEventSource.Webhook, "{}");
        var again = order.ApplyModificationFailure(refund, "RF1", "Rejected by the scheme", Now, OrderEventSource.Webhook, "{}");

        Assert.Equal((ModificationChange.Failed, ModificationChange.None), (change, again));
        Assert.Equal((ModificationStatus.Failed, "Rejected by the scheme"), (refund.Status, refund.FailureReason));
        Assert.Equal((PaymentStatus.Authorised, 30_000L), (order.PaymentStatus, order.RefundableAmount));
        Assert.Contains("failed after it was confirmed", order.ReviewReason);
        Assert.Single(order.Events, e => e.Kind == "RefundFailed" && e.Payload == "{}");
    }

    [Fact]
    public void A_webhook_that_changes_nothing_is_still_on_the_timeline()
    {
        var order = KakaoPayOrder();

        order.RecordWebhook("CAPTURE", "CAPTURE (success) from Adyen.", "{\"pspReference\":\"C1\"}", Now.AddMinutes(1));

        var recorded = order.Events.Last();
        Assert.Equal(("CAPTURE", OrderEventSource.Webhook, "{\"pspReference\":\"C1\"}"), (recorded.Kind, recorded.Source, recorded.Payload));
        Assert.Equal(Now.AddMinutes(1), order.UpdatedAt);
    }
}
