using Storefront.Orders;
using static Storefront.Tests.Orders.OrderBuilder;

namespace Storefront.Tests.Orders;

public sealed class OrderSearchKeysTests
{
    [Fact]
    public void An_order_keeps_its_contact_details_normalised_for_search()
    {
        var order = Order.Place("SF-TEST0002", null, new ContactDetails(" Minji.Kim@Example.KR", "Kim   Minji ", "+82 10-1234-5678"),
            new ShippingAddress("1", null, "Seoul", "04524", "KR"), Storefront.Shared.Market.Find("KR")!,
            [new OrderLine(1, "tea", "Tea", "/t.svg", 1_000, 1, 1000)], Now, TimeSpan.FromMinutes(90));

        Assert.Equal("minji.kim@example.kr", order.SearchEmail);
        Assert.Equal("kim minji", order.SearchName);
        Assert.Equal("876543210128", order.SearchPhone);
        Assert.Null(order.PaymentMethod);
        order.StartAttempt("kakaopay", "submit-1", Now);
        Assert.Equal("kakaopay", order.PaymentMethod);
    }

    [Theory]
    [InlineData("010-1234-5678", "8765432101")]
    [InlineData("+82 10 1234 5678", "876543210128")]
    [InlineData("(02) 555.0100", "00105552")]
    [InlineData("5678", "8765")]
    [InlineData("567", null)]
    [InlineData("0000", null)]
    [InlineData("kim 5678", null)]
    [InlineData("", null)]
    public void A_query_is_a_phone_number_only_when_it_has_digits_and_phone_punctuation(string query, string? expected) =>
        Assert.Equal(expected, OrderSearchKeys.PhoneQuery(query));

    [Theory]
    [InlineData("kim", "kin")]
    [InlineData("SF-7KQ", "SF-7KR")]
    [InlineData("a@b", "a@c")]
    [InlineData("김", "깁")]
    public void The_upper_bound_of_a_prefix_is_just_above_every_string_it_starts(string prefix, string bound)
    {
        Assert.Equal(bound, OrderSearchKeys.UpperBound(prefix));
        Assert.True(string.CompareOrdinal(prefix + "zzz", bound) < 0);
        Assert.True(string.CompareOrdinal(prefix, bound) < 0);
    }
}
