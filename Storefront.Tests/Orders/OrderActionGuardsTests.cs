using Storefront.Orders;
using static Storefront.Tests.Orders.OrderBuilder;

namespace Storefront.Tests.Orders;

/// <summary>What the order says a merchandiser may do (CanRefund, CanCancel, CanFulfil) is exactly what its actions take.</summary>
public sealed class OrderActionGuardsTests
{
    public static TheoryData<string, bool, bool, bool> States => new()
    {
        // state, can refund, can cancel, can fulfil
        { "awaiting payment", false, true, false },
        { "payment failed", false, true, false },
        { "expired", false, false, false },
        { "cancelled unpaid", false, false, false },
        { "paid", true, true, true },
        { "partly refunded", true, true, true },
        { "fully refunded", false, false, true },
        { "cancellation requested", false, false, true },
        { "fulfilled", true, false, false },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Each_guard_says_whether_its_action_is_taken(string state, bool canRefund, bool canCancel, bool canFulfil)
    {
        var order = InState(state);
        Assert.Equal((canRefund, canCancel, canFulfil), (order.CanRefund, order.CanCancel, order.CanFulfil));

        Assert.Equal(canRefund, Takes(() => InState(state).RequestRefund(1, "Goodwill", "merch", Now)));
        Assert.Equal(canCancel, Takes(() => InState(state).Cancel("Asked to", "merch", Now)));
        Assert.Equal(canFulfil, Takes(() => InState(state).MarkFulfilled("CJ", "123", "merch", Now)));
    }

    [Fact]
    public void Refundable_is_what_is_left_in_the_order_currency()
    {
        var order = InState("partly refunded");

        Assert.Equal(new Storefront.Shared.Money(20_000, "KRW"), order.Refundable);
        Assert.Equal(order.RefundableAmount, order.Refundable.MinorUnits);
    }

    [Fact]
    public void Notes_are_the_merchandisers_notes_newest_first()
    {
        var order = InState("paid");
        order.AddNote("First call", "merch", Now);
        order.AddNote("Second call", "merch", Now.AddMinutes(5));

        Assert.Equal(["Second call", "First call"], order.Notes.Select(n => n.Summary));
    }

    private static bool Takes(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (OrderStateException)
        {
            return false;
        }
    }

    private static Order InState(string state)
    {
        var order = KakaoPayOrder(unitPrice: 15_000, quantity: 2);
        var attempt = order.StartAttempt("kakaopay", "submit-1", Now);
        switch (state)
        {
            case "awaiting payment":
                break;
            case "payment failed":
                order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Refused, "PSP1"), Now, OrderEventSource.Return);
                break;
            case "expired":
                order.Expire(order.PaymentDeadline);
                break;
            case "cancelled unpaid":
                order.Cancel("Out of stock", "merch", Now);
                break;
            default:
                order.ApplyPaymentResult(attempt, Authorised(30_000), Now, OrderEventSource.Return);
                break;
        }
        switch (state)
        {
            case "partly refunded":
                order.RequestRefund(10_000, "Damaged", "merch", Now);
                break;
            case "fully refunded":
                order.RequestRefund(30_000, "Returned", "merch", Now);
                break;
            case "cancellation requested":
                order.Cancel("Changed their mind", "merch", Now);
                break;
            case "fulfilled":
                order.MarkFulfilled("CJ", "987", "merch", Now);
                break;
        }
        return order;
    }
}
