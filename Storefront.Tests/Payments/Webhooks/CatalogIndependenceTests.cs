using Microsoft.EntityFrameworkCore;
using Storefront.Notifications;
using Storefront.Orders;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>
/// A payment's outcome is applied from the order's own snapshot, never from the catalog: a product deleted between the
/// checkout and Adyen's webhook neither blocks the order's payment state nor sends the webhook into retries
/// (F18, docs/payment-failure-modes.md).
/// </summary>
public sealed class CatalogIndependenceTests(SandboxFactory app) : IClassFixture<SandboxFactory>, IDisposable
{
    private readonly AdyenWebhooks _adyen = new(app);

    [Fact]
    public async Task A_success_for_an_order_whose_product_was_since_deleted_pays_it_from_its_snapshot()
    {
        using var browser = app.CreateBrowser();
        var payment = await browser.DecideWithoutReturningAsync(app, await app.StockedProductAsync(skip: 0));
        var line = Assert.Single((await app.OrderAsync(payment.OrderNumber)).Lines);
        await DeleteProductAsync(line.ProductId!.Value);
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

        await _adyen.SendAsync(item);

        var row = await _adyen.ProcessedAsync(item, WebhookStatus.Processed, WebhookStatus.Failed, WebhookStatus.Poisoned);
        Assert.Equal((WebhookStatus.Processed, 1), (row.Status, row.Attempts));
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal((line.Name, line.UnitPrice, line.Quantity), (order.Lines.Single().Name, order.Lines.Single().UnitPrice, order.Lines.Single().Quantity));
        var confirmation = await app.WithDbAsync(db => db.OutgoingEmails.AsNoTracking()
            .SingleAsync(e => e.OrderId == order.Id && e.Kind == EmailKind.OrderConfirmed));
        Assert.Contains(line.Name, confirmation.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_for_an_order_whose_product_was_since_deleted_fails_it_at_the_first_try()
    {
        using var browser = app.CreateBrowser();
        var payment = await browser.DecideWithoutReturningAsync(app, await app.StockedProductAsync(skip: 1), decision: "decline");
        var productId = Assert.Single((await app.OrderAsync(payment.OrderNumber)).Lines).ProductId!.Value;
        await DeleteProductAsync(productId);
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount, success: false, reason: "Refused");

        await _adyen.SendAsync(item);

        var row = await _adyen.ProcessedAsync(item, WebhookStatus.Processed, WebhookStatus.Failed, WebhookStatus.Poisoned);
        Assert.Equal((WebhookStatus.Processed, 1), (row.Status, row.Attempts));
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        // The stock it held has nowhere to go back to; the order no longer holds it either way.
        Assert.False(order.HoldsStock);
    }

    public void Dispose() => _adyen.Dispose();

    private Task DeleteProductAsync(int productId) =>
        app.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Products.Where(p => p.Id == productId).ExecuteDeleteAsync());
        });
}
