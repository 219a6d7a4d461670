using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>One app instance ("node") on a database file that other instances share, one after the other or side by side.</summary>
public sealed class NodeFactory : SandboxFactory
{
    public NodeFactory(string databasePath, bool processInbox)
        : base(databasePath)
    {
        Settings["Adyen:Webhooks:ProcessInbox"] = processInbox ? "true" : "false";
        // Rows stored by the other node are found by polling.
        Settings["Adyen:Webhooks:PollInterval"] = "00:00:00.100";
    }
}

/// <summary>The sandbox app whose refunds to Adyen fail a set number of times before they go through.</summary>
public sealed class FlakyRefundsFactory : SandboxFactory
{
    public FlakyRefundsFactory()
    {
        Settings["Adyen:Webhooks:RetryDelay"] = "00:00:00.050";
        Settings["Adyen:Webhooks:MaxRetryDelay"] = "00:00:00.200";
        Settings["Adyen:Webhooks:PollInterval"] = "00:00:00.050";
        Settings["Adyen:Webhooks:MaxAttempts"] = "4";
    }

    /// <summary>How many of the next refund calls fail as if Adyen were unreachable.</summary>
    public int RefundFailuresToCome { get; set; }

    /// <summary>The idempotency key of every refund call, failed or not.</summary>
    public ConcurrentQueue<string?> RefundKeys { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var client = services.Last(d => d.ServiceType == typeof(IAdyenCheckout));
            services.Add(ServiceDescriptor.Transient<IAdyenCheckout>(provider =>
                new FlakyRefunds((IAdyenCheckout)client.ImplementationFactory!(provider), this)));
        });
    }

    private sealed class FlakyRefunds(IAdyenCheckout inner, FlakyRefundsFactory factory) : IAdyenCheckout
    {
        public Task<PaymentMethodsResponse> PaymentMethodsAsync(PaymentMethodsRequest request, CancellationToken cancellationToken = default) =>
            inner.PaymentMethodsAsync(request, cancellationToken);

        public Task<PaymentResponse> PaymentsAsync(PaymentRequest request, string? idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.PaymentsAsync(request, idempotencyKey, cancellationToken);

        public Task<PaymentDetailsResponse> PaymentDetailsAsync(PaymentDetailsRequest request, string? idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.PaymentDetailsAsync(request, idempotencyKey, cancellationToken);

        public Task<ListStoredPaymentMethodsResponse> ListStoredPaymentMethodsAsync(string shopperReference, CancellationToken cancellationToken = default) =>
            inner.ListStoredPaymentMethodsAsync(shopperReference, cancellationToken);

        public Task DeleteStoredPaymentMethodAsync(string storedPaymentMethodId, string shopperReference, CancellationToken cancellationToken = default) =>
            inner.DeleteStoredPaymentMethodAsync(storedPaymentMethodId, shopperReference, cancellationToken);

        public Task<ModificationResponse> RefundAsync(string paymentPspReference, PaymentRefundRequest request, string? idempotencyKey, CancellationToken cancellationToken = default)
        {
            factory.RefundKeys.Enqueue(idempotencyKey);
            if (factory.RefundFailuresToCome > 0)
            {
                factory.RefundFailuresToCome--;
                throw new AdyenUnavailableException("refunds", "connection refused");
            }
            return inner.RefundAsync(paymentPspReference, request, idempotencyKey, cancellationToken);
        }

        public Task<ModificationResponse> CancelAsync(string paymentPspReference, PaymentCancelRequest request, string? idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.CancelAsync(paymentPspReference, request, idempotencyKey, cancellationToken);

        public Task<ModificationResponse> ReversalAsync(string paymentPspReference, PaymentReversalRequest request, string? idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.ReversalAsync(paymentPspReference, request, idempotencyKey, cancellationToken);
    }
}

/// <summary>
/// What was acknowledged is applied, once, whatever happens to the nodes (F06, docs/payment-failure-modes.md).
/// </summary>
public sealed class InboxWorkerTests
{
    [Fact]
    public async Task A_webhook_acknowledged_by_a_node_that_dies_before_applying_it_is_applied_after_the_restart()
    {
        var database = StorefrontFactory.NewDatabasePath();
        try
        {
            DecidedPayment payment;
            NotificationRequestItem item;
            string slug;
            int stockBefore;
            using (var first = new NodeFactory(database, processInbox: false))
            {
                using var browser = first.CreateBrowser();
                slug = await first.StockedProductAsync();
                stockBefore = await first.StockOfAsync(slug);
                payment = await browser.DecideWithoutReturningAsync(first, slug);
                using var adyen = new AdyenWebhooks(first);
                item = adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

                Assert.Equal(HttpStatusCode.Accepted, (await adyen.SendAsync(item)).StatusCode);

                // Stored before the 2xx, not applied: then the process goes away.
                var stored = await first.WithDbAsync(db => db.WebhookMessages.AsNoTracking().SingleAsync(m => m.EventKey == AdyenWebhooks.StandardKey(item)));
                Assert.Equal((WebhookStatus.Pending, 0), (stored.Status, stored.Attempts));
                Assert.Equal(OrderStatus.AwaitingPayment, (await first.OrderAsync(payment.OrderNumber)).Status);
            }

            using var second = new NodeFactory(database, processInbox: true);
            using var restarted = new AdyenWebhooks(second);
            await restarted.ProcessedAsync(item);
            var order = await second.OrderAsync(payment.OrderNumber);
            Assert.Equal(OrderStatus.Paid, order.Status);
            Assert.Single(order.Events, e => e.Kind == "OrderPaid");
            Assert.Equal(stockBefore - 1, await second.StockOfAsync(slug));
        }
        finally
        {
            StorefrontFactory.DeleteDatabase(database);
        }
    }

    [Fact]
    public async Task Two_nodes_on_one_database_apply_every_message_exactly_once()
    {
        const int Messages = 30;
        var database = StorefrontFactory.NewDatabasePath();
        try
        {
            using var first = new NodeFactory(database, processInbox: true);
            using var second = new NodeFactory(database, processInbox: true);
            using var browser = first.CreateBrowser();
            var payment = await browser.DecideWithoutReturningAsync(first, await first.StockedProductAsync());
            await browser.Client.GetAsync(payment.ReturnUrl);
            using var toFirst = new AdyenWebhooks(first);
            using var toSecond = new AdyenWebhooks(second);
            Assert.NotEqual(toFirst.Options.HmacKeys[0], toSecond.Options.HmacKeys[0]);

            // Every CAPTURE adds one entry to the same order's timeline: a message applied twice shows, and so does one lost.
            var items = Enumerable.Range(0, Messages)
                .Select(i => (i % 2 == 0 ? toFirst : toSecond).Item("CAPTURE", AdyenWebhooks.NewPspReference(), payment.AttemptReference, payment.Amount,
                    originalReference: payment.PspReference))
                .ToList();
            var responses = await Task.WhenAll(items.Select((item, i) => (i % 2 == 0 ? toFirst : toSecond).SendAsync(item)));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
            foreach (var item in items)
                await toFirst.ProcessedAsync(item);
            var order = await first.OrderAsync(payment.OrderNumber);
            var captures = order.Events.Where(e => e.Kind == "CAPTURE").Select(e => e.Payload!).ToList();
            Assert.Equal(Messages, captures.Count);
            Assert.All(items, item => Assert.Single(captures, payload => payload.Contains(item.PspReference!, StringComparison.Ordinal)));
            var rows = await first.WithDbAsync(db => db.WebhookMessages.AsNoTracking().Where(m => m.EventCode == "CAPTURE").ToListAsync());
            Assert.All(rows, r => Assert.Equal((WebhookStatus.Processed, (string?)null), (r.Status, r.LeaseOwner)));
        }
        finally
        {
            StorefrontFactory.DeleteDatabase(database);
        }
    }
}

/// <summary>An automatic refund that Adyen cannot take at first: the row fails, is retried, and the refund is made once.</summary>
public sealed class AutomaticRefundRetryTests(FlakyRefundsFactory app) : IClassFixture<FlakyRefundsFactory>, IDisposable
{
    private readonly AdyenWebhooks _adyen = new(app);

    [Fact]
    public async Task A_late_success_is_refunded_once_even_when_adyen_is_unreachable_at_first()
    {
        var payment = await ExpiredThenAuthorisedAsync(skip: 0);
        app.RefundFailuresToCome = 2;
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

        await _adyen.SendAsync(item);

        var row = await _adyen.ProcessedAsync(item);
        Assert.Equal(3, row.Attempts);
        Assert.NotNull(row.AppliedAt);
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal(OrderStatus.Expired, order.Status);
        var refund = Assert.Single(order.Modifications);
        Assert.True(refund.IsAutomatic);
        Assert.Equal((ModificationKind.Refund, ModificationStatus.Requested, payment.Amount.Value), (refund.Kind, refund.Status, refund.Amount));
        Assert.NotNull(refund.PspReference);
        // Three calls (two failed, one accepted), all under the refund's own reference as the idempotency key.
        Assert.Equal(3, app.RefundKeys.Count(key => key == refund.Reference));
        Assert.Equal(payment.Amount.Value, Assert.Single(app.Sandbox.PaymentsFor(payment.AttemptReference)).RefundedMinorUnits);
        Assert.Contains("refund it", order.ReviewReason, StringComparison.Ordinal);
        // Applied once: the retries only repeated the refund call.
        Assert.Single(order.Events, e => e.Source == OrderEventSource.Webhook);
        Assert.Single(order.Events, e => e.Kind == "RefundRequested");
    }

    [Fact]
    public async Task A_row_that_keeps_failing_is_poisoned_with_its_error_and_the_refund_stays_saved()
    {
        var payment = await ExpiredThenAuthorisedAsync(skip: 1);
        app.RefundFailuresToCome = int.MaxValue;
        try
        {
            var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

            await _adyen.SendAsync(item);

            var row = await _adyen.ProcessedAsync(item, WebhookStatus.Poisoned);
            Assert.Equal(4, row.Attempts);
            Assert.Contains("AdyenUnavailableException", row.LastError, StringComparison.Ordinal);
            Assert.Null(row.LeaseOwner);
            var refund = Assert.Single((await app.OrderAsync(payment.OrderNumber)).Modifications);
            Assert.Equal((ModificationStatus.Requested, (string?)null), (refund.Status, refund.PspReference));
            Assert.Equal(0, Assert.Single(app.Sandbox.PaymentsFor(payment.AttemptReference)).RefundedMinorUnits);
        }
        finally
        {
            app.RefundFailuresToCome = 0;
        }
    }

    public void Dispose() => _adyen.Dispose();

    /// <summary>An order that expired while the shopper was at KakaoPay, who then approved: the sandbox holds the money.</summary>
    private async Task<DecidedPayment> ExpiredThenAuthorisedAsync(int skip)
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: skip));
        var toKakaoPay = await browser.SubmitCheckoutAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // What the expiry worker does once the deadline has passed, without waiting for it.
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            var order = await db.Orders.Include(o => o.Lines).Include(o => o.Attempts).AsSplitQuery().OrderByDescending(o => o.Id).FirstAsync();
            Assert.True(order.Expire(order.PaymentDeadline));
            Assert.True(order.TakeStockRelease());
            await scope.ServiceProvider.GetRequiredService<PaymentFinalizer>().ReleaseStockAsync(order, CancellationToken.None);
            await db.SaveChangesAsync();
        }
        var approval = await browser.GetAsync(toKakaoPay.Headers.Location!.ToString());
        var back = await browser.SubmitAsync(approval, "#approve-form");
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        var attempt = await app.WithDbAsync(db => db.PaymentAttempts.AsNoTracking().Include(a => a.Order).OrderByDescending(a => a.Id).FirstAsync());
        var sandboxPayment = Assert.Single(app.Sandbox.PaymentsFor(attempt.Reference));
        return new DecidedPayment(attempt.Order.Number, attempt.Reference, sandboxPayment.PspReference!, Amount.From(sandboxPayment.Amount), back.Headers.Location!);
    }
}
