using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Account;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Payments.Sandbox;
using Storefront.Tests.Account;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>The sandbox delivering its webhooks to this app's own receivers, signed with the secrets generated at start.</summary>
public class DeliveringSandboxFactory : SandboxFactory
{
    public DeliveringSandboxFactory()
    {
        Settings["Adyen:Sandbox:DeliverWebhooks"] = "true";
        Settings["Adyen:Sandbox:WebhookRetryScale"] = "0.001";
    }
}

/// <summary>
/// The whole loop, nothing posted by the test: what the sandbox says by webhook is received, authenticated, stored
/// and applied by the store, just as it would be from Adyen.
/// </summary>
public sealed class SandboxDeliveryTests(DeliveringSandboxFactory app) : IClassFixture<DeliveringSandboxFactory>
{
    [Fact]
    public async Task Events_are_delivered_to_the_apps_own_webhook_urls_by_default_and_accepted()
    {
        using var browser = app.CreateBrowser();
        var shopper = "shp_" + Guid.NewGuid().ToString("N");
        var reference = "SB-" + Guid.NewGuid().ToString("N")[..12];
        var payment = await app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)) with
        {
            ShopperReference = shopper,
            StorePaymentMethod = true,
            RecurringProcessingModel = RecurringProcessingModel.UnscheduledCardOnFile,
        }, "pay:" + reference);
        await SandboxShopper.PayAsync(browser, payment.Action!, "approve", consent: true);

        using var deadline = new CancellationTokenSource(Eventually.Deadline);
        var authorisation = await app.Sandbox.WaitForDeliveryAsync(
            d => d.Event.MerchantReference == reference && d.Event.EventCode == SandboxEventCodes.Authorisation, deadline.Token);
        var tokenCreated = await app.Sandbox.WaitForDeliveryAsync(
            d => d.Event.ShopperReference == shopper && d.Event.EventCode == SandboxEventCodes.TokenCreated, deadline.Token);

        Assert.Equal(new Uri(app.BaseAddress, "webhooks/adyen"), authorisation.Url);
        Assert.Equal(new Uri(app.BaseAddress, "webhooks/adyen/tokens"), tokenCreated.Url);
        Assert.Equal(new Storefront.Shared.Money(15_000, "KRW"), authorisation.Event.Amount);
        // Our receivers authenticated both (Basic auth and HMAC with the secrets generated at start) and stored them.
        Assert.Equal((202, 202), (authorisation.StatusCode, tokenCreated.StatusCode));
        // A payment and a shopper the store never saw: kept, for review.
        var authorisationRow = await Eventually.ReachesAsync(
            () => app.WithDbAsync(db => db.WebhookMessages.AsNoTracking()
                .SingleAsync(m => m.EventCode == SandboxEventCodes.Authorisation && m.MerchantReference == reference)),
            m => m.Status == WebhookStatus.Unmatched, "the unknown payment's AUTHORISATION unmatched");
        Assert.Equal(authorisation.Event.PspReference, authorisationRow.PspReference);
    }

    [Fact]
    public async Task The_sandboxs_authorisation_webhook_pays_an_order_whose_shopper_never_returns()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 0);
        var stockBefore = await app.StockOfAsync(slug);

        var payment = await browser.DecideWithoutReturningAsync(app, slug);

        var order = await Eventually.ReachesAsync(() => app.OrderAsync(payment.OrderNumber), o => o.Status == OrderStatus.Paid, "paid by the webhook");
        var authorised = Assert.Single(order.Events, e => e.Kind == "PaymentAuthorised");
        Assert.Equal(OrderEventSource.Webhook, authorised.Source);
        Assert.Equal(stockBefore - 1, await app.StockOfAsync(slug));
        // Accepted at the first try, with our 202. The sandbox records the attempt once our answer is back, which can
        // be after the store has already applied the webhook.
        using var deadline = new CancellationTokenSource(Eventually.Deadline);
        var delivery = await app.Sandbox.WaitForDeliveryAsync(d => IsAuthorisationOf(d, payment), deadline.Token);
        Assert.Equal((1, 202, true), (delivery.Attempt, delivery.StatusCode, delivery.Accepted));
        Assert.Single(app.Sandbox.Deliveries, d => IsAuthorisationOf(d, payment));

        var back = await browser.Client.GetAsync(payment.ReturnUrl);
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.Single((await app.OrderAsync(payment.OrderNumber)).Events, e => e.Kind == "OrderPaid");
    }

    [Fact]
    public async Task A_decline_told_by_webhook_and_by_the_return_fails_the_order_once()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 1);
        var stockBefore = await app.StockOfAsync(slug);

        var payment = await browser.DecideWithoutReturningAsync(app, slug, decision: "decline");
        await browser.Client.GetAsync(payment.ReturnUrl);

        var row = await Eventually.ReachesAsync(
            () => app.WithDbAsync(db => db.WebhookMessages.AsNoTracking().FirstOrDefaultAsync(m => m.PspReference == payment.PspReference && m.EventCode == "AUTHORISATION")),
            m => m?.Status == WebhookStatus.Processed, "the sandbox's AUTHORISATION processed");
        Assert.False(row!.Success);
        var order = await app.OrderAsync(payment.OrderNumber);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Single(order.Events, e => e.Kind == "OrderPaymentFailed");
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));
    }

    [Fact]
    public async Task Saving_kakaopay_stores_the_token_once_from_both_webhooks_with_its_first_payment()
    {
        using var browser = app.CreateBrowser();

        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 2));

        await Eventually.ReachesAsync(
            () => app.WithDbAsync(db => db.WebhookMessages.AsNoTracking()
                .Where(m => m.EventCode == "RECURRING_CONTRACT" || m.EventCode == "recurring.token.created")
                .Where(m => m.PspReference == saved.Token.Id || m.PspReference == saved.Token.FirstPspReference)
                .Select(m => m.Status).ToListAsync()),
            statuses => statuses.Count == 2 && statuses.All(s => s == WebhookStatus.Processed), "both token webhooks processed");
        var method = Assert.Single(await app.WithDbAsync(db => db.StoredPaymentMethods.AsNoTracking().Where(m => m.ShopperId == saved.UserId).ToListAsync()));
        Assert.Equal((saved.Token.Id, saved.Token.FirstPspReference, StoredPaymentMethodStatus.Active),
            (method.StoredPaymentMethodId, method.FirstPspReference, method.Status));
    }

    [Fact]
    public async Task A_refund_sent_to_the_sandbox_is_confirmed_by_its_webhook()
    {
        using var browser = app.CreateBrowser();
        var payment = await browser.DecideWithoutReturningAsync(app, await app.StockedProductAsync(skip: 3), quantity: 2);
        await browser.Client.GetAsync(payment.ReturnUrl);
        // The order is paid by the return; the webhook worker then records the AUTHORISATION on the order too. Let it,
        // so the refund below is not saved over an order the worker is changing.
        await Eventually.ReachesAsync(
            () => app.WithDbAsync(db => db.WebhookMessages.AsNoTracking().FirstOrDefaultAsync(m => m.PspReference == payment.PspReference && m.EventCode == "AUTHORISATION")),
            m => m?.Status == WebhookStatus.Processed, "the sandbox's AUTHORISATION processed");
        Assert.Equal(OrderStatus.Paid, (await app.OrderAsync(payment.OrderNumber)).Status);
        var reference = await app.WithDbAsync(async db =>
        {
            var order = await db.Orders.Include(o => o.Attempts).Include(o => o.Modifications).AsSplitQuery().SingleAsync(o => o.Number == payment.OrderNumber);
            var refund = order.RequestRefund(5_000, "Damaged in transit", "merch@test.local", DateTime.UtcNow);
            await db.SaveChangesAsync();
            return refund.Reference;
        });

        await app.Adyen.RefundAsync(payment.PspReference, new PaymentRefundRequest { Amount = new Amount("KRW", 5_000), Reference = reference }, reference);

        var confirmed = await Eventually.ReachesAsync(() => app.OrderAsync(payment.OrderNumber),
            o => o.Modifications.Single().Status == ModificationStatus.Confirmed, "refund confirmed by webhook");
        Assert.Equal(PaymentStatus.PartiallyRefunded, confirmed.PaymentStatus);
        Assert.NotNull(confirmed.Modifications.Single().PspReference);
    }

    private static bool IsAuthorisationOf(SandboxDelivery d, DecidedPayment payment) =>
        d.Event.EventCode == SandboxEventCodes.Authorisation && d.Event.PspReference == payment.PspReference;
}
