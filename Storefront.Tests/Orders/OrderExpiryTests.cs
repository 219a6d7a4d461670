using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;
using Storefront.Tests.Payments.Webhooks;

namespace Storefront.Tests.Orders;

/// <summary>The sandbox app on a clock the test moves: the expiry worker wakes when time passes, not before.</summary>
public sealed class ExpiryFactory : SandboxFactory
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public ExpiryFactory()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Settings["Orders:ExpiryInterval"] = "00:01:00";
        // The sandbox's own KakaoPay page closes its offer on the same clock: kept open past the order's window, so
        // that a shopper can still approve after the order expired.
        Settings["Adyen:Sandbox:OfferLifetime"] = "03:00:00";
    }

    public FakeTimeProvider Time => Clock!;
}

/// <summary>
/// Orders left unpaid past <c>Orders:PaymentTimeout</c> expire and give their stock back, exactly once
/// (F07, F12, docs/payment-failure-modes.md).
/// </summary>
public sealed class OrderExpiryTests(ExpiryFactory app) : IClassFixture<ExpiryFactory>, IDisposable
{
    private static readonly TimeSpan PaymentTimeout = new OrderOptions().PaymentTimeout;

    private readonly AdyenWebhooks _adyen = new(app);

    [Fact]
    public async Task An_unpaid_order_expires_after_the_payment_timeout_and_releases_its_stock_once()
    {
        var slug = await app.StockedProductAsync(skip: 0);
        var stockBefore = await app.StockOfAsync(slug);
        var number = await PlaceUnpaidOrderAsync(slug, quantity: 2);
        Assert.Equal(stockBefore - 2, await app.StockOfAsync(slug));

        app.Time.Advance(PaymentTimeout - ExpiryFactory.Interval);
        var expired = await ExpiredAsync(number);

        Assert.Equal((PaymentStatus.Expired, AttemptStatus.Expired, false), (expired.PaymentStatus, expired.Attempts.Single().Status, expired.HoldsStock));
        Assert.Single(expired.Events, e => e.Kind == "OrderExpired");
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));

        // Another order placed now expires a full payment window later: every sweep in between saw the first one again.
        var later = await PlaceUnpaidOrderAsync(await app.StockedProductAsync(skip: 1));
        await ExpiredAsync(later);
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));
        Assert.Single((await app.OrderAsync(number)).Events, e => e.Kind == "OrderExpired");
    }

    [Fact]
    public async Task Sweeps_racing_on_the_same_order_release_its_stock_once()
    {
        var slug = await app.StockedProductAsync(skip: 2);
        var stockBefore = await app.StockOfAsync(slug);
        var number = await PlaceUnpaidOrderAsync(slug, quantity: 3);

        // The worker wakes at this move too: three sweeps (two here, the worker's) race on one order.
        app.Time.Advance(PaymentTimeout + ExpiryFactory.Interval);
        var expiredCounts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OrderExpiry>().ExpireDueAsync(CancellationToken.None);
        }));

        var order = await ExpiredAsync(number);
        Assert.InRange(expiredCounts.Sum(), 0, 1);
        Assert.Single(order.Events, e => e.Kind == "OrderExpired");
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));
    }

    [Fact]
    public async Task A_payment_authorised_after_expiry_is_flagged_and_refunded_not_kept()
    {
        var slug = await app.StockedProductAsync(skip: 3);
        var stockBefore = await app.StockOfAsync(slug);
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(slug);
        var toKakaoPay = await browser.SubmitCheckoutAsync();
        var number = (await LatestOrderAsync()).Number;
        app.Time.Advance(PaymentTimeout - ExpiryFactory.Interval);
        await ExpiredAsync(number);

        // The shopper, still at KakaoPay, approves: Adyen holds the money and says so by webhook.
        var approval = await browser.GetAsync(toKakaoPay.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.SubmitAsync(approval, "#approve-form")).StatusCode);
        var attempt = (await app.OrderAsync(number)).Attempts.Single();
        var payment = Assert.Single(app.Sandbox.PaymentsFor(attempt.Reference));
        var authorisation = _adyen.Item("AUTHORISATION", payment.PspReference!, attempt.Reference, Amount.From(payment.Amount));
        await _adyen.SendAsync(authorisation);
        await _adyen.ProcessedAsync(authorisation);

        var order = await app.OrderAsync(number);
        Assert.Equal((OrderStatus.Expired, AttemptStatus.Authorised), (order.Status, order.Attempts.Single().Status));
        Assert.Contains($"{attempt.Reference} was authorised while the order was expired", order.ReviewReason, StringComparison.Ordinal);
        var refund = Assert.Single(order.Modifications);
        Assert.True(refund.IsAutomatic);
        Assert.Equal((ModificationKind.Refund, ModificationStatus.Requested, payment.Amount.MinorUnits), (refund.Kind, refund.Status, refund.Amount));
        Assert.NotNull(refund.PspReference);
        Assert.Equal(payment.Amount.MinorUnits, payment.RefundedMinorUnits);
        // The stock given back at expiry is not taken again by a payment the order cannot keep.
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));

        var confirmed = _adyen.Item("REFUND", refund.PspReference!, refund.Reference, Amount.From(payment.Amount), originalReference: payment.PspReference);
        await _adyen.SendAsync(confirmed);
        await _adyen.ProcessedAsync(confirmed);
        Assert.Equal(ModificationStatus.Confirmed, Assert.Single((await app.OrderAsync(number)).Modifications).Status);
    }

    public void Dispose() => _adyen.Dispose();

    private async Task<string> PlaceUnpaidOrderAsync(string slug, int quantity = 1)
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(slug, quantity);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.SubmitCheckoutAsync()).StatusCode);
        var order = await LatestOrderAsync();
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        return order.Number;
    }

    /// <summary>Moves the clock one expiry interval at a time (each wakes the worker) until the order has expired.</summary>
    private Task<Order> ExpiredAsync(string number) =>
        Eventually.ReachesAsync(async () =>
            {
                app.Time.Advance(ExpiryFactory.Interval);
                return await app.OrderAsync(number);
            },
            order => order.Status == OrderStatus.Expired, $"order {number} expired",
            describe: order => $"{order.Status}, deadline {order.PaymentDeadline:O}, clock {app.Time.GetUtcNow():O}");

    private Task<Order> LatestOrderAsync() =>
        app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Attempts).OrderByDescending(o => o.Id).FirstAsync());
}
