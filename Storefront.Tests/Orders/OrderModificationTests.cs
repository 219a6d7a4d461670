using Storefront.Orders;
using static Storefront.Tests.Orders.OrderBuilder;

namespace Storefront.Tests.Orders;

public sealed class OrderModificationTests
{
    private static Order PaidOrder(long unitPrice = 15_000, int quantity = 2)
    {
        var order = KakaoPayOrder(unitPrice, quantity);
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);
        order.ApplyPaymentResult(attempt, Authorised(unitPrice * quantity), Now, OrderEventSource.Return);
        return order;
    }

    [Fact]
    public void A_refund_is_requested_with_a_unique_reference_and_counts_against_the_remainder_at_once()
    {
        var order = PaidOrder();

        var refund = order.RequestRefund(10_000, "Damaged box", "merch@shop", Now);

        Assert.Equal("SF-TEST0001-R1", refund.Reference);
        Assert.Equal(refund.Reference, refund.IdempotencyKey);
        Assert.Equal(ModificationStatus.Requested, refund.Status);
        Assert.Equal(20_000, order.RefundableAmount);
        Assert.Equal(PaymentStatus.Authorised, order.PaymentStatus);
        Assert.Contains(order.Events, e => e.Kind == "RefundRequested" && e.Actor == "merch@shop");
    }

    [Fact]
    public void Refunding_more_than_was_paid_or_twice_the_remainder_is_refused()
    {
        var order = PaidOrder();

        Assert.Throws<OrderStateException>(() => order.RequestRefund(30_001, "Too much", "merch", Now));
        order.RequestRefund(30_000, "Everything", "merch", Now);
        Assert.Throws<OrderStateException>(() => order.RequestRefund(1, "Again", "merch", Now));
        Assert.Throws<OrderStateException>(() => order.RequestRefund(0, "Nothing", "merch", Now));
    }

    [Fact]
    public void An_unpaid_order_cannot_be_refunded()
    {
        var order = KakaoPayOrder();
        Assert.Throws<OrderStateException>(() => order.RequestRefund(1_000, "No", "merch", Now));
    }

    [Fact]
    public void Confirmations_move_the_payment_status_and_a_duplicate_changes_nothing()
    {
        var order = PaidOrder();
        var first = order.RequestRefund(10_000, "Return", "merch", Now);

        Assert.Equal(ModificationChange.Confirmed, order.ApplyModificationResult(first, true, "RF1", null, Now, OrderEventSource.Webhook));
        Assert.Equal(PaymentStatus.PartiallyRefunded, order.PaymentStatus);
        Assert.Equal(ModificationChange.None, order.ApplyModificationResult(first, false, "RF1", "late", Now, OrderEventSource.Webhook));

        var second = order.RequestRefund(20_000, "Return", "merch", Now);
        order.ApplyModificationResult(second, true, "RF2", null, Now, OrderEventSource.Webhook);
        Assert.Equal(PaymentStatus.Refunded, order.PaymentStatus);
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void A_failed_refund_reopens_the_amount_and_flags_the_order()
    {
        var order = PaidOrder();
        var refund = order.RequestRefund(30_000, "Return", "merch", Now);

        var change = order.ApplyModificationResult(refund, false, "RF1", "Insufficient balance", Now, OrderEventSource.Webhook);

        Assert.Equal(ModificationChange.Failed, change);
        Assert.Equal(ModificationStatus.Failed, refund.Status);
        Assert.Equal(30_000, order.RefundableAmount);
        Assert.Contains("failed", order.ReviewReason);
    }

    [Fact]
    public void Cancelling_a_paid_order_reverses_the_remainder_and_cancels_it_when_confirmed()
    {
        var order = PaidOrder();
        var partial = order.RequestRefund(5_000, "Goodwill", "merch", Now);
        order.ApplyModificationResult(partial, true, "RF1", null, Now, OrderEventSource.Webhook);

        var reversal = order.Cancel("Customer changed their mind", "merch", Now)!;

        Assert.Equal(ModificationKind.Reversal, reversal.Kind);
        Assert.Equal(25_000, reversal.Amount);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Throws<OrderStateException>(() => order.Cancel("again", "merch", Now));
        Assert.Equal(ModificationChange.Cancelled, order.ApplyModificationResult(reversal, true, "RV1", null, Now, OrderEventSource.Webhook));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(PaymentStatus.Refunded, order.PaymentStatus);
        Assert.True(order.TakeStockRelease());
    }

    [Fact]
    public void Cancelling_an_unpaid_order_is_immediate_and_gives_up_the_running_payment()
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);
        attempt.RecordRedirect("{}", Now);

        Assert.Null(order.Cancel("Out of stock at the warehouse", "merch", Now));

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(AttemptStatus.Expired, attempt.Status);
        Assert.True(order.TakeStockRelease());
        Assert.False(order.TakeStockRelease());
        // KakaoPay approved anyway: the money is recorded and flagged for a refund.
        Assert.Equal(PaymentChange.NeedsRefund, order.ApplyPaymentResult(attempt, Authorised(), Now, OrderEventSource.Webhook));
    }

    [Fact]
    public void Fulfilment_needs_a_paid_order_a_carrier_and_a_tracking_number()
    {
        var unpaid = KakaoPayOrder();
        Assert.Throws<OrderStateException>(() => unpaid.MarkFulfilled("CJ Logistics", "123", "merch", Now));
        var order = PaidOrder();
        Assert.Throws<OrderStateException>(() => order.MarkFulfilled("", "123", "merch", Now));

        order.MarkFulfilled("CJ Logistics", "6543-2109-8765", "merch", Now);

        Assert.Equal(OrderStatus.Fulfilled, order.Status);
        Assert.Equal("6543-2109-8765", order.TrackingNumber);
        Assert.Contains(order.Events, e => e.Kind == "OrderFulfilled" && e.Actor == "merch");
    }

    [Fact]
    public void Expiry_happens_only_after_the_deadline_and_only_once()
    {
        var order = KakaoPayOrder();
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);
        attempt.RecordRedirect("{}", Now);

        Assert.False(order.Expire(Now.AddMinutes(89)));
        Assert.True(order.Expire(Now.AddMinutes(91)));
        Assert.False(order.Expire(Now.AddMinutes(92)));
        Assert.Equal(OrderStatus.Expired, order.Status);
        Assert.True(order.TakeStockRelease());
        Assert.False(order.TakeStockRelease());
    }

    [Fact]
    public void A_refund_made_in_the_customer_area_is_recorded()
    {
        var order = PaidOrder();

        var external = order.RecordExternalRefund(3_000, "RFEXT", success: true, reason: null, Now);

        Assert.Equal(ModificationStatus.Confirmed, external.Status);
        Assert.Null(external.RequestedBy);
        Assert.Equal(27_000, order.RefundableAmount);
        Assert.Equal(PaymentStatus.PartiallyRefunded, order.PaymentStatus);
    }

    [Fact]
    public void Notes_need_text()
    {
        var order = KakaoPayOrder();
        Assert.Throws<OrderStateException>(() => order.AddNote("  ", "merch", Now));
        order.AddNote("Called the shopper", "merch", Now);
        Assert.Contains(order.Events, e => e.Kind == "Note" && e.Summary == "Called the shopper");
    }
    [Fact]
    public void Merchandiser_actions_record_who_and_from_which_state()
    {
        var order = PaidOrder();

        order.AddNote("Called", "ann@shop", Now);
        order.RequestRefund(1_000, "Goodwill", "bob@shop", Now.AddMinutes(1), submitKey: "key-1");
        order.MarkFulfilled("CJ", "1", "cho@shop", Now.AddMinutes(2));

        Assert.Equal(
            [("Note", "ann@shop", OrderStatus.Paid), ("RefundRequested", "bob@shop", OrderStatus.Paid), ("OrderFulfilled", "cho@shop", OrderStatus.Paid)],
            order.Events.Where(e => e.Source == OrderEventSource.Merchandiser).Select(e => (e.Kind, e.Actor!, e.FromStatus!.Value)));
        Assert.All(order.Events.Where(e => e.Source == OrderEventSource.Merchandiser), e => Assert.Equal(PaymentStatus.Authorised, e.FromPaymentStatus));
        Assert.Equal("key-1", order.Modifications.Single().SubmitKey);
    }

    [Fact]
    public void A_modification_adyen_refuses_outright_fails_without_a_flag_and_only_once()
    {
        var order = PaidOrder();
        var refund = order.RequestRefund(30_000, "Return", "merch", Now);

        Assert.True(order.RejectModification(refund, "Invalid amount", Now));
        Assert.False(order.RejectModification(refund, "Again", Now));

        Assert.Equal((ModificationStatus.Failed, "Invalid amount"), (refund.Status, refund.FailureReason));
        Assert.Equal(30_000, order.RefundableAmount);
        Assert.Null(order.ReviewReason);
        Assert.Single(order.Events, e => e.Kind == "RefundRejected");
        Assert.Equal(ModificationChange.None, order.ApplyModificationResult(refund, true, "RF1", null, Now, OrderEventSource.Webhook));
    }

    [Fact]
    public void A_review_can_be_cleared_once_with_what_was_done()
    {
        var order = PaidOrder();
        Assert.Throws<OrderStateException>(() => order.ClearReview("Nothing to clear", "merch", Now));
        order.Flag("Paid twice", Now, OrderEventSource.System);
        Assert.Equal(Now, order.FlaggedAt);
        Assert.Throws<OrderStateException>(() => order.ClearReview(" ", "merch", Now));

        order.ClearReview("Second payment refunded", "merch", Now.AddHours(1));

        Assert.Null(order.ReviewReason);
        Assert.Null(order.FlaggedAt);
        Assert.Contains("Paid twice", order.Events.Single(e => e.Kind == "ReviewCleared").Summary);
    }

    [Fact]
    public void Flagged_many_times_the_review_reason_keeps_the_newest_whole_reasons_within_its_column()
    {
        var order = PaidOrder();

        for (var i = 1; i <= 200; i++)
            order.Flag($"Chargeback notice {i:D3} from Adyen: check it in the Customer Area.", Now.AddMinutes(i), OrderEventSource.Webhook);

        var reason = order.ReviewReason!;
        Assert.InRange(reason.Length, Order.MaxReviewReasonLength - 100, Order.MaxReviewReasonLength);
        Assert.StartsWith(Order.EarlierReasonsOmitted + "Chargeback notice ", reason, StringComparison.Ordinal);
        Assert.EndsWith("notice 200 from Adyen: check it in the Customer Area.", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("notice 001 ", reason, StringComparison.Ordinal);
        Assert.Equal(Now.AddMinutes(1), order.FlaggedAt);
        // Nothing is lost: every reason is on the timeline.
        Assert.Equal(200, order.Events.Count(e => e.Kind == "Flagged"));
    }

    [Fact]
    public void One_reason_longer_than_the_column_is_cut_to_fit()
    {
        var order = PaidOrder();

        order.Flag(new string('x', Order.MaxReviewReasonLength + 500), Now, OrderEventSource.System);

        Assert.Equal(Order.MaxReviewReasonLength, order.ReviewReason!.Length);
        // The timeline entry too keeps within its column, and says that it was cut.
        var flagged = order.Events.Single(e => e.Kind == "Flagged");
        Assert.Equal(OrderEvent.SummaryMaxLength, flagged.Summary.Length);
        Assert.EndsWith("…", flagged.Summary, StringComparison.Ordinal);
    }
}
