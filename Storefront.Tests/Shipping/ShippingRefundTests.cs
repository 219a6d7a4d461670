using System.Net;
using Storefront.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Shipping;

/// <summary>The merchandiser gives back the shipping fee alone, and the rest of the order with it later.</summary>
public sealed class ShippingRefundTests(KoreanShippingFactory app) : IClassFixture<KoreanShippingFactory>
{
    [Fact]
    public async Task Shipping_is_refunded_alone_then_the_rest_with_the_order()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 1);
        var paid = await app.LoadOrderAsync(number);
        Assert.Equal(3_000, paid.Shipping.MinorUnits);
        using var merchandiser = await app.MerchandiserAsync();

        var alone = await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string>
        {
            ["Refund.ShippingOnly"] = "true", ["Refund.Reason"] = "Delivered late",
        });

        Assert.Equal(HttpStatusCode.SeeOther, alone.StatusCode);
        var refund = Assert.Single((await app.LoadOrderAsync(number)).Modifications);
        Assert.Equal((ModificationKind.Refund, 3_000L), (refund.Kind, refund.Amount));

        var rest = await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string>
        {
            ["Refund.Amount"] = (paid.TotalAmount - 3_000).ToString(), ["Refund.Reason"] = "Returned",
        });

        Assert.Equal(HttpStatusCode.SeeOther, rest.StatusCode);
        var order = await app.LoadOrderAsync(number);
        Assert.Equal(paid.TotalAmount, order.Modifications.Sum(m => m.Amount));
        Assert.Equal(0, order.RefundableAmount);
    }
}
