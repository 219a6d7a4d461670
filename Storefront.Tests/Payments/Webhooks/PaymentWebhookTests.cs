using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>
/// AUTHORISATION and OFFER_CLOSED through the inbox worker and the one finaliser, against real orders placed
/// through checkout and decided at the sandbox's KakaoPay page. Whichever of the return and the webhook comes
/// first wins; the other changes nothing but is still recorded (F01, F05, F06, docs/payment-failure-modes.md).
/// </summary>
public sealed class PaymentWebhookTests(SandboxFactory app) : IClassFixture<SandboxFactory>, IDisposable
{
    private readonly AdyenWebhooks _adyen = new(app);

    [Fact]
    public async Task The_shopper_never_returns_and_the_webhook_alone_pays_the_order()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 0);
        var stockBefore = await app.StockOfAsync(slug);
        var payment = await browser.DecideWithoutReturningAsync(app, slug, quantity: 2);
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

        var response = await _adyen.SendAsync(item);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _adyen.ProcessedAsync(item);
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal((OrderStatus.Paid, PaymentStatus.Authorised), (order.Status, order.PaymentStatus));
        Assert.Equal(payment.PspReference, order.Attempts.Single().PspReference);
        Assert.Single(order.Events, e => e.Kind == "OrderPaid");
        var authorised = Assert.Single(order.Events, e => e.Source == OrderEventSource.Webhook);
        Assert.Equal("PaymentAuthorised", authorised.Kind);
        Assert.Contains(payment.PspReference, authorised.Payload, StringComparison.Ordinal);
        Assert.Equal(stockBefore - 2, await app.StockOfAsync(slug));
        Assert.Contains("Your cart is empty", (await browser.GetAsync("/cart")).Html);
        Assert.Equal(0, Assert.Single(app.Sandbox.PaymentsFor(payment.AttemptReference)).DetailsCalls);
    }

    [Fact]
    public async Task Webhook_before_return_finalises_once_and_the_return_shows_the_paid_order()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 1);
        var stockBefore = await app.StockOfAsync(slug);
        var payment = await browser.DecideWithoutReturningAsync(app, slug);
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);
        await _adyen.SendAsync(item);
        await _adyen.ProcessedAsync(item);

        var back = await browser.Client.GetAsync(payment.ReturnUrl);

        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.StartsWith($"/orders/{payment.OrderNumber}", back.Headers.Location!.OriginalString);
        await AssertPaidOnceAsync(payment, slug, stockBefore);
        // The return found the attempt final and did not ask Adyen again.
        Assert.Equal(0, Assert.Single(app.Sandbox.PaymentsFor(payment.AttemptReference)).DetailsCalls);
    }

    [Fact]
    public async Task Return_before_webhook_finalises_once_and_the_webhook_is_kept_on_the_timeline()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 2);
        var stockBefore = await app.StockOfAsync(slug);
        var payment = await browser.DecideWithoutReturningAsync(app, slug);
        var back = await browser.Client.GetAsync(payment.ReturnUrl);
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

        await _adyen.SendAsync(item);

        await _adyen.ProcessedAsync(item);
        var order = await AssertPaidOnceAsync(payment, slug, stockBefore);
        var recorded = Assert.Single(order.Events, e => e.Source == OrderEventSource.Webhook);
        Assert.Equal("AUTHORISATION", recorded.Kind);
        Assert.Contains("nothing to change", recorded.Summary, StringComparison.Ordinal);
        Assert.Contains(payment.PspReference, recorded.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_and_webhook_at_the_same_moment_finalise_once()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 3);
        var stockBefore = await app.StockOfAsync(slug);
        var payment = await browser.DecideWithoutReturningAsync(app, slug);
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

        var both = await Task.WhenAll(browser.Client.GetAsync(payment.ReturnUrl), _adyen.SendAsync(item));

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.Accepted], both.Select(r => r.StatusCode));
        await _adyen.ProcessedAsync(item);
        await AssertPaidOnceAsync(payment, slug, stockBefore);
    }

    [Fact]
    public async Task The_same_notification_fifty_times_at_once_is_stored_once_and_pays_once()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 4);
        var stockBefore = await app.StockOfAsync(slug);
        var payment = await browser.DecideWithoutReturningAsync(app, slug);
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _adyen.SendAsync(item)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var row = await _adyen.ProcessedAsync(item);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(1, await app.WithDbAsync(db => db.WebhookMessages.CountAsync(m => m.PspReference == payment.PspReference)));
        await AssertPaidOnceAsync(payment, slug, stockBefore);
    }

    [Fact]
    public async Task A_failure_of_an_old_attempt_after_the_new_one_paid_leaves_the_order_paid()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 5);
        var stockBefore = await app.StockOfAsync(slug);
        var declined = await browser.DecideWithoutReturningAsync(app, slug, decision: "decline");
        await browser.Client.GetAsync(declined.ReturnUrl);
        var approved = await browser.CheckoutAndDecideWithoutReturningAsync(app);
        await browser.Client.GetAsync(approved.ReturnUrl);
        Assert.Equal(declined.OrderNumber, approved.OrderNumber);
        Assert.Equal(OrderStatus.Paid, (await app.OrderAsync(approved.OrderNumber)).Status);

        // Adyen's news of the first attempt arrives late and out of order.
        var refused = _adyen.Item("AUTHORISATION", declined.PspReference, declined.AttemptReference, declined.Amount, success: false, reason: "Refused");
        var closed = _adyen.Item("OFFER_CLOSED", declined.PspReference, declined.AttemptReference, declined.Amount);
        await _adyen.SendAsync(refused);
        await _adyen.SendAsync(closed);
        await _adyen.ProcessedAsync(refused);
        await _adyen.ProcessedAsync(closed);

        var order = await app.OrderAsync(approved.OrderNumber);
        Assert.Equal((OrderStatus.Paid, PaymentStatus.Authorised), (order.Status, order.PaymentStatus));
        Assert.Equal([AttemptStatus.Refused, AttemptStatus.Authorised], order.Attempts.OrderBy(a => a.Number).Select(a => a.Status));
        Assert.Equal(stockBefore - 1, await app.StockOfAsync(slug));
        Assert.Equal(["AUTHORISATION", "OFFER_CLOSED"], order.Events.Where(e => e.Source == OrderEventSource.Webhook).OrderBy(e => e.Id).Select(e => e.Kind));
        Assert.Null(order.ReviewReason);
    }

    [Fact]
    public async Task A_refusal_by_webhook_fails_the_current_attempt_and_gives_the_stock_back()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 6);
        var stockBefore = await app.StockOfAsync(slug);
        var payment = await browser.DecideWithoutReturningAsync(app, slug, quantity: 3, decision: "decline");
        Assert.Equal(stockBefore - 3, await app.StockOfAsync(slug));
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount, success: false, reason: "Refused");

        await _adyen.SendAsync(item);

        await _adyen.ProcessedAsync(item);
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal((OrderStatus.PaymentFailed, AttemptStatus.Refused), (order.Status, order.Attempts.Single().Status));
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));
    }

    [Fact]
    public async Task Offer_closed_for_the_current_attempt_expires_the_order_and_gives_the_stock_back()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 7);
        var stockBefore = await app.StockOfAsync(slug);
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(slug, quantity: 2);
        await browser.SubmitCheckoutAsync();
        var attempt = await app.WithDbAsync(db => db.PaymentAttempts.AsNoTracking().Include(a => a.Order).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(stockBefore - 2, await app.StockOfAsync(slug));
        var item = _adyen.Item("OFFER_CLOSED", AdyenWebhooks.NewPspReference(), attempt.Reference, Amount.From(attempt.Total));

        await _adyen.SendAsync(item);

        await _adyen.ProcessedAsync(item);
        var order = await app.OrderAsync(attempt.Order.Number);
        Assert.Equal((OrderStatus.Expired, PaymentStatus.Expired, AttemptStatus.Expired), (order.Status, order.PaymentStatus, order.Attempts.Single().Status));
        Assert.False(order.HoldsStock);
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));
    }

    [Fact]
    public async Task An_authorisation_for_another_amount_is_flagged_not_paid()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 8);
        var payment = await browser.DecideWithoutReturningAsync(app, slug);
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount with { Value = payment.Amount.Value - 1 });

        await _adyen.SendAsync(item);

        await _adyen.ProcessedAsync(item);
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.NotEqual(OrderStatus.Paid, order.Status);
        Assert.Contains("but the order expects", order.ReviewReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authorisation_naming_nothing_we_know_is_kept_unmatched()
    {
        var item = _adyen.Item("AUTHORISATION", AdyenWebhooks.NewPspReference(), "SF-NOSUCHORDER-1", new Amount("KRW", 15_000));
        var foreign = _adyen.Item("AUTHORISATION", AdyenWebhooks.NewPspReference(), "SF-NOSUCHORDER-2", new Amount("KRW", 15_000),
            merchantAccount: "SomeoneElse_Ecom");

        await _adyen.SendAsync(item);
        await _adyen.SendAsync(foreign);

        var row = await _adyen.ProcessedAsync(item, WebhookStatus.Unmatched);
        Assert.Contains("SF-NOSUCHORDER-1", row.LastError, StringComparison.Ordinal);
        Assert.Null(row.LeaseOwner);
        var other = await _adyen.ProcessedAsync(foreign, WebhookStatus.Unmatched);
        Assert.Contains("SomeoneElse_Ecom", other.LastError, StringComparison.Ordinal);
    }

    public void Dispose() => _adyen.Dispose();

    private async Task<Order> AssertPaidOnceAsync(DecidedPayment payment, string slug, int stockBefore)
    {
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal((OrderStatus.Paid, PaymentStatus.Authorised), (order.Status, order.PaymentStatus));
        Assert.Single(order.Events, e => e.Kind == "OrderPaid");
        Assert.Single(order.Events, e => e.Kind == "PaymentAuthorised");
        // The webhook is on the timeline exactly once, whether it paid the order or found it paid.
        Assert.Single(order.Events, e => e.Source == OrderEventSource.Webhook);
        Assert.Equal(stockBefore - 1, await app.StockOfAsync(slug));
        return order;
    }
}
