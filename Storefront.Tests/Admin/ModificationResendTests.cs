using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments.Webhooks;
using static Storefront.Tests.Admin.AdyenModificationFailureTests;

namespace Storefront.Tests.Admin;

/// <summary>
/// The resend sweeper: a refund or cancellation saved but never received by Adyen (Adyen down, the process gone,
/// no webhook to carry an automatic refund) is sent again under the same key once it is overdue, exactly once
/// across sweepers, and one Adyen refuses is failed, not tried again.
/// </summary>
public sealed class ModificationResendTests(ModificationResendTests.SweepingSandboxFactory app)
    : IClassFixture<ModificationResendTests.SweepingSandboxFactory>
{
    [Fact]
    public async Task A_refund_made_while_adyen_is_unreachable_is_sent_by_the_sweeper_once_adyen_is_back()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        var reference = await UnsentRefundAsync(number, total / 2);

        var refund = await ReceivedByAdyenAsync(number, reference);

        Assert.Equal(ModificationStatus.Requested, refund.Status);
        var exchange = Assert.Single(app.Exchanges, e => e.IdempotencyKey == reference);
        Assert.EndsWith("/refunds", exchange.OperationPath, StringComparison.Ordinal);
        Assert.Contains(reference, exchange.RequestBody, StringComparison.Ordinal);
        Assert.Contains(reference, app.FaultedKeys);
        Assert.Equal(total / 2, Assert.Single(app.Sandbox.PaymentsFor($"{number}-1")).RefundedMinorUnits);
    }

    [Fact]
    public async Task An_automatic_refund_saved_by_the_return_page_without_any_webhook_is_sent_by_the_sweeper()
    {
        using var shopper = app.CreateBrowser();
        var payment = await shopper.DecideWithoutReturningAsync(app, await app.StockedProductAsync(skip: 1));
        await ExpireAsync(payment.OrderNumber);

        // What the return page does when its /payments/details call (claimed just before the order expired) answers
        // Authorised: the order cannot keep the money, and the refund is saved with the outcome, not sent.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var finalized = await scope.ServiceProvider.GetRequiredService<PaymentFinalizer>().ApplyAsync(payment.AttemptReference,
                new PaymentResult(AttemptStatus.Authorised, payment.PspReference, payment.Amount.ToMoney()), OrderEventSource.Return, "{}");
            Assert.True(finalized.Matched);
        }

        var saved = Assert.Single((await app.LoadOrderAsync(payment.OrderNumber)).Modifications);
        Assert.True(saved.IsAutomatic);
        var refund = await ReceivedByAdyenAsync(payment.OrderNumber, saved.Reference);
        Assert.Equal((ModificationKind.Refund, payment.Amount.Value), (refund.Kind, refund.Amount));
        Assert.Single(app.Exchanges, e => e.IdempotencyKey == saved.Reference);
        Assert.Equal(payment.Amount.Value, Assert.Single(app.Sandbox.PaymentsFor(payment.AttemptReference)).RefundedMinorUnits);
        Assert.Empty(await app.WithDbAsync(db => db.WebhookMessages.AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task A_modification_adyen_rejects_when_sent_again_is_failed_flagged_and_not_sent_again()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        var reference = await UnsentRefundAsync(number, total, leaveFault: ModificationFault.Reject);
        try
        {
            var order = await Eventually.ReachesAsync(() => app.LoadOrderAsync(number),
                o => o.Modifications.Single().Status == ModificationStatus.Failed, "failed by the sweeper",
                describe: o => o.Modifications.Single().Status.ToString());

            var refund = order.Modifications.Single();
            Assert.Contains(FaultySandboxFactory.RejectionMessage, refund.FailureReason);
            Assert.Null(refund.PspReference);
            Assert.Equal(total, order.RefundableAmount);
            Assert.Contains(reference, order.ReviewReason, StringComparison.Ordinal);
            Assert.Single(order.Events, e => e.Kind == "RefundRejected");
            var rejectedCalls = app.FaultedKeys.Count(key => key == reference);

            // Whatever sweeps next finds nothing to send: the failed refund is never tried again.
            Assert.Equal(0, await SweepAsync());
            Assert.Equal(rejectedCalls, app.FaultedKeys.Count(key => key == reference));
            Assert.Equal(0, Assert.Single(app.Sandbox.PaymentsFor($"{number}-1")).RefundedMinorUnits);
        }
        finally
        {
            app.Fault = ModificationFault.None;
        }
    }

    [Fact]
    public async Task Sweepers_racing_on_one_database_send_an_overdue_cancellation_once()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 1);
        using var merchandiser = await app.MerchandiserAsync();
        app.Fault = ModificationFault.Unreachable;
        HttpResponseMessage response;
        try
        {
            response = await merchandiser.ActAsync(number, "#cancel-form", new Dictionary<string, string> { ["Cancel.Reason"] = "Fraud suspected" });
        }
        finally
        {
            app.Fault = ModificationFault.None;
        }
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var reversal = Assert.Single((await app.LoadOrderAsync(number)).Modifications);

        // Four more sweepers (as on four nodes, each with its own connection) sweep over and over, with the app's own
        // one, from before the cancellation is overdue until Adyen has it: they all find it due at the same moment.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Eventually.ReachesAsync(async () =>
        {
            await SweepAsync();
            return await app.WithDbAsync(db => db.PaymentModifications.AnyAsync(m => m.Reference == reversal.Reference && m.PspReference != null));
        }, received => received, "received by Adyen"))));

        var exchange = Assert.Single(app.Exchanges, e => e.IdempotencyKey == reversal.Reference);
        Assert.EndsWith("/reversals", exchange.OperationPath, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Paid, (await app.LoadOrderAsync(number)).Status);
    }

    /// <summary>A merchandiser refunds while Adyen is unreachable: saved as requested, unsent; then Adyen behaves as <paramref name="leaveFault"/>.</summary>
    private async Task<string> UnsentRefundAsync(string number, long amount, ModificationFault leaveFault = ModificationFault.None)
    {
        using var merchandiser = await app.MerchandiserAsync();
        app.Fault = ModificationFault.Unreachable;
        HttpResponseMessage response;
        try
        {
            response = await merchandiser.ActAsync(number, "#refund-form",
                new Dictionary<string, string> { ["Refund.Amount"] = amount.ToString(), ["Refund.Reason"] = "Late delivery" });
        }
        finally
        {
            app.Fault = leaveFault;
        }
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var unsent = Assert.Single((await app.LoadOrderAsync(number)).Modifications);
        Assert.Equal((ModificationStatus.Requested, null), (unsent.Status, unsent.PspReference));
        return unsent.Reference;
    }

    private async Task<PaymentModification> ReceivedByAdyenAsync(string number, string reference)
    {
        var order = await Eventually.ReachesAsync(() => app.LoadOrderAsync(number),
            o => o.Modifications.Single(m => m.Reference == reference).PspReference is not null, $"{reference} received by Adyen",
            describe: o => o.Modifications.Single(m => m.Reference == reference).Status.ToString());
        return order.Modifications.Single(m => m.Reference == reference);
    }

    /// <summary>One sweep on a scope (a connection) of its own, as another node would run it.</summary>
    private async Task<int> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ModificationResender>().ResendDueAsync(CancellationToken.None);
    }

    /// <summary>What the expiry worker does once the deadline has passed, without waiting for it.</summary>
    private async Task ExpireAsync(string number)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Attempts).AsSplitQuery().SingleAsync(o => o.Number == number);
        Assert.True(order.Expire(order.PaymentDeadline));
        Assert.True(order.TakeStockRelease());
        await scope.ServiceProvider.GetRequiredService<PaymentFinalizer>().ReleaseStockAsync(order, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    /// <summary>The faulty sandbox with a sweeper that looks every 50 ms and resends what is a second overdue.</summary>
    public sealed class SweepingSandboxFactory : FaultySandboxFactory
    {
        public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(1);

        public SweepingSandboxFactory()
        {
            Settings["Orders:ModificationResendInterval"] = "00:00:00.050";
            Settings["Orders:ModificationResendAfter"] = ResendAfter.ToString("c");
        }
    }
}
