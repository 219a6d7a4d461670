using Storefront.Localization;
using Storefront.Orders;
using Storefront.Tests.Localization;

namespace Storefront.Tests.Orders;

/// <summary>People read an order's and a payment's status in words of their language, never the enum's names.</summary>
public sealed class StatusWordsTests
{
    private static readonly StatusWords Words = new(TestLocalizers.For<StatusWords>());

    [Theory]
    [InlineData(OrderStatus.AwaitingPayment, "결제 대기", "Awaiting payment")]
    [InlineData(OrderStatus.Paid, "결제 완료", "Paid")]
    [InlineData(OrderStatus.PaymentFailed, "결제 실패", "Payment failed")]
    [InlineData(OrderStatus.Expired, "결제 기한 만료", "Expired unpaid")]
    [InlineData(OrderStatus.Cancelled, "취소됨", "Cancelled")]
    [InlineData(OrderStatus.Fulfilled, "발송 완료", "Shipped")]
    public void An_order_status_reads_in_each_language(OrderStatus status, string korean, string english)
        => Reads(() => Words.Of(status), korean, english);

    [Theory]
    [InlineData(PaymentStatus.NotStarted, "결제 전", "Not started")]
    [InlineData(PaymentStatus.AwaitingShopper, "결제 대기", "Awaiting payment")]
    [InlineData(PaymentStatus.Confirming, "결제 확인 중", "Being confirmed")]
    [InlineData(PaymentStatus.Authorised, "결제 완료", "Paid")]
    [InlineData(PaymentStatus.Failed, "결제 실패", "Payment failed")]
    [InlineData(PaymentStatus.Expired, "만료됨", "Expired")]
    [InlineData(PaymentStatus.PartiallyRefunded, "부분 환불됨", "Partly refunded")]
    [InlineData(PaymentStatus.Refunded, "환불됨", "Refunded")]
    public void A_payment_status_reads_in_each_language(PaymentStatus status, string korean, string english)
        => Reads(() => Words.Of(status), korean, english);

    [Theory]
    [InlineData(OrderStatus.AwaitingPayment, PaymentStatus.Confirming, "결제 확인 중", "Payment being confirmed")]
    [InlineData(OrderStatus.AwaitingPayment, PaymentStatus.AwaitingShopper, "결제 대기", "Awaiting payment")]
    [InlineData(OrderStatus.Paid, PaymentStatus.Authorised, "결제 완료", "Paid")]
    [InlineData(OrderStatus.Paid, PaymentStatus.PartiallyRefunded, "결제 완료, 부분 환불됨", "Paid, partly refunded")]
    [InlineData(OrderStatus.Paid, PaymentStatus.Refunded, "환불됨", "Refunded")]
    [InlineData(OrderStatus.Fulfilled, PaymentStatus.Authorised, "발송 완료", "Shipped")]
    public void An_order_in_a_list_says_what_its_payment_adds(OrderStatus status, PaymentStatus payment, string korean, string english)
        => Reads(() => Words.Of(status, payment), korean, english);

    private static void Reads(Func<string> word, string korean, string english)
    {
        using (Cultures.Use(Cultures.Korean))
            Assert.Equal(korean, word());
        using (Cultures.Use(Cultures.English))
            Assert.Equal(english, word());
    }

    [Fact]
    public void Every_status_has_korean_words_of_its_own()
    {
        using var korean = Cultures.Use(Cultures.Korean);
        var words = Enum.GetValues<OrderStatus>().Select(s => (Name: s.ToString(), Word: Words.Of(s)))
            .Concat(Enum.GetValues<PaymentStatus>().Select(s => (Name: s.ToString(), Word: Words.Of(s))));

        Assert.All(words, w => Assert.True(w.Word.Any(c => c is >= '가' and <= '힣'), $"{w.Name} reads \"{w.Word}\" in Korean"));
    }
}
