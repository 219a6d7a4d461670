using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Tests.Orders;

/// <summary>Test data: a KRW order for ₩15,000 unless told otherwise.</summary>
internal static class OrderBuilder
{
    public static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    public static Order KakaoPayOrder(long unitPrice = 15_000, int quantity = 1) =>
        Order.Place(
            "SF-TEST0001",
            shopperId: null,
            new ContactDetails("buyer@example.kr", "Kim Minji", "+82 10 1234 5678"),
            new ShippingAddress("12 Sejong-daero", null, "Seoul", "04524", "KR"),
            Market.Find("KR")!,
            [new OrderLine(1, "green-tea", "Jeju green tea", "/images/products/green-tea.svg", unitPrice, quantity, 1000)],
            Now,
            TimeSpan.FromMinutes(90));

    public static PaymentResult Authorised(long amount = 15_000) =>
        new(AttemptStatus.Authorised, "PSP0000000000001", new Money(amount, "KRW"));
}
