using Storefront.Orders;
using Storefront.Shared;
using static Storefront.Tests.Orders.OrderBuilder;

namespace Storefront.Tests.Orders;

public sealed class OrderStateMachineTests
{
    [Fact]
    public void A_placed_order_awaits_payment_holds_stock_and_totals_its_lines()
    {
        var order = KakaoPayOrder(unitPrice: 15_000, quantity: 3);

        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal(PaymentStatus.NotStarted, order.PaymentStatus);
        Assert.True(order.HoldsStock);
        Assert.Equal(new Money(45_000, "KRW"), order.Total);
        Assert.Equal(Now.AddMinutes(90), order.PaymentDeadline);
        Assert.Contains(order.Events, e => e.Kind == "OrderPlaced");
    }

    [Fact]
    public void Attempts_get_references_order_number_dash_n_and_their_own_idempotency_keys()
    {
        var order = KakaoPayOrder();
        var first = order.StartAttempt("kakaopay", "submit-1", Now);
        order.ApplyPaymentResult(first, new PaymentResult(AttemptStatus.Refused), Now, OrderEventSource.Return);
        order.ReopenForPayment(Now, TimeSpan.FromMinutes(90));
        var second = order.StartAttempt("kakaopay", "submit-2", Now);

        Assert.Equal("SF-TEST0001-1", first.Reference);
        Assert.Equal("SF-TEST0001-2", second.Reference);
        Assert.NotEqual(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal(15_000, second.Amount);
    }

    [Fact]
    public void A_second_attempt_is_refused_while_one_is_running()
    {
        var order = KakaoPayOrder();
        order.StartAttempt("kakaopay", "submit-1", Now);

        Assert.Throws<OrderStateException>(() => order.StartAttempt("kakaopay", "submit-2", Now));
    }

    [Fact]
    public void Authorised_for_the_right_amount_pays_the_order()
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);

        var change = order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Return);

        Assert.Equal(PaymentChange.Paid, change);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(PaymentStatus.Authorised, order.PaymentStatus);
        Assert.Equal("PSP0000000000001", attempt.PspReference);
        Assert.False(order.TakeStockRelease());
    }

    [Fact]
    public void Authorised_for_another_amount_is_flagged_not_paid()
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);

        var change = order.ApplyPaymentResult(attempt, Authorised(amount: 1_500_000), Now, OrderEventSource.Webhook);

        Assert.Equal(PaymentChange.NeedsReview, change);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.NotNull(order.ReviewReason);
    }

    [Theory]
    [InlineData(AttemptStatus.Refused)]
    [InlineData(AttemptStatus.Cancelled)]
    [InlineData(AttemptStatus.Error)]
    public void A_failed_current_attempt_fails_the_order_and_releases_stock_once(AttemptStatus failure)
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);

        var change = order.ApplyPaymentResult(attempt, new PaymentResult(failure), Now, OrderEventSource.Return);

        Assert.Equal(PaymentChange.Failed, change);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.True(order.TakeStockRelease());
        Assert.False(order.TakeStockRelease());
    }

    [Fact]
    public void A_final_outcome_never_changes_again()
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);
        order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Return);
        var eventsBefore = order.Events.Count;

        Assert.Equal(PaymentChange.None, order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Refused), Now, OrderEventSource.Webhook));
        Assert.Equal(PaymentChange.None, order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Webhook));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(AttemptStatus.Authorised, attempt.Status);
        Assert.Equal(eventsBefore, order.Events.Count);
    }

    [Fact]
    public void A_failure_of_an_old_attempt_never_moves_a_later_paid_order_backwards()
    {
        var order = KakaoPayOrder();
        var first = order.StartAttempt("kakaopay", "submit-1", Now);
        // The first attempt's outcome is unknown (the shopper walked away); it is cancelled by us, then retried.
        order.ApplyPaymentResult(first, new PaymentResult(AttemptStatus.Cancelled), Now, OrderEventSource.Return);
        order.ReopenForPayment(Now, TimeSpan.FromMinutes(90));
        var second = order.StartAttempt("kakaopay", "submit-2", Now);
        order.ApplyPaymentResult(second, Authorised(), Now, OrderEventSource.Return);

        var change = order.ApplyPaymentResult(first, new PaymentResult(AttemptStatus.Refused), Now, OrderEventSource.Webhook);

        Assert.Equal(PaymentChange.None, change);
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void Pending_marks_the_payment_as_being_confirmed_and_a_later_success_pays()
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);

        order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Pending), Now, OrderEventSource.Return);
        Assert.Equal(PaymentStatus.Confirming, order.PaymentStatus);
        Assert.Equal(PaymentChange.None, order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Pending), Now, OrderEventSource.Return));

        Assert.Equal(PaymentChange.Paid, order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Webhook));
    }

    [Fact]
    public void A_success_after_expiry_is_kept_flagged_and_marked_for_refund()
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);
        order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Expired), Now, OrderEventSource.System);
        Assert.Equal(OrderStatus.Expired, order.Status);

        var change = order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Webhook);

        Assert.Equal(PaymentChange.NeedsRefund, change);
        Assert.Equal(OrderStatus.Expired, order.Status);
        Assert.Equal(AttemptStatus.Authorised, attempt.Status);
        Assert.Contains("refund", order.ReviewReason);
    }

    [Fact]
    public void Only_a_failed_order_can_be_reopened_and_a_paid_one_takes_no_payment()
    {
        var order = KakaoPayOrder();
        Assert.Throws<OrderStateException>(() => order.ReopenForPayment(Now, TimeSpan.FromMinutes(90)));
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);
        order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Return);

        Assert.Throws<OrderStateException>(() => order.StartAttempt("kakaopay", "submit-2", Now));
        Assert.Throws<OrderStateException>(() => order.ReopenForPayment(Now, TimeSpan.FromMinutes(90)));
    }

    [Fact]
    public void Details_are_claimed_once_until_the_claim_goes_stale()
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);
        var lifetime = TimeSpan.FromSeconds(30);

        Assert.True(attempt.TryClaimDetails(Now, lifetime));
        Assert.False(attempt.TryClaimDetails(Now.AddSeconds(5), lifetime));
        Assert.True(attempt.TryClaimDetails(Now.AddMinutes(1), lifetime));
        order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Return);
        Assert.False(attempt.TryClaimDetails(Now.AddHours(1), lifetime));
    }

    [Fact]
    public void Line_tax_is_the_share_inside_a_tax_inclusive_price()
    {
        var line = new OrderLine(1, "mug", "Mug", "/m.svg", unitPrice: 11_000, quantity: 2, taxRateBasisPoints: 1000);

        Assert.Equal(1_000, line.UnitTax);
        Assert.Equal(22_000, line.LineTotal);
    }
}
