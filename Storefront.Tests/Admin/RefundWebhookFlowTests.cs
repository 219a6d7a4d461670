using System.Net;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;
using Storefront.Tests.Payments.Webhooks;

namespace Storefront.Tests.Admin;

/// <summary>
/// The whole loop with nothing applied by hand: a merchandiser's refund goes to the sandbox, the sandbox delivers its
/// REFUND webhook to the store, the webhook worker confirms the refund. Needs the webhook receivers, the worker and the
/// sandbox's webhook delivery, all switched on.
/// </summary>
public sealed class RefundWebhookFlowTests(DeliveringSandboxFactory app) : IClassFixture<DeliveringSandboxFactory>
{
    [Fact]
    public async Task A_refund_is_confirmed_by_the_sandboxs_refund_webhook()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        using var merchandiser = await app.MerchandiserAsync();

        var response = await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string>
        {
            ["Refund.Amount"] = (total / 2).ToString(), ["Refund.Reason"] = "Half back, confirmed by webhook",
        });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var order = await Eventually.ReachesAsync(() => app.LoadOrderAsync(number),
            o => o.Modifications.Single().Status != ModificationStatus.Requested,
            $"settled by Adyen's REFUND webhook for {number}-R1");
        Assert.Equal(ModificationStatus.Confirmed, order.Modifications.Single().Status);
        Assert.Equal(PaymentStatus.PartiallyRefunded, order.PaymentStatus);
        Assert.Contains(order.Events, e => e.Kind == "RefundConfirmed" && e.Source == OrderEventSource.Webhook && e.Payload is not null);
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Equal("refunded", page.Document.QuerySelector($"tr[data-reference='{number}-R1'] [data-testid=modification-status]")?.TextContent.Trim());
    }
}
