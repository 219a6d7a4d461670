using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Orders;
using Storefront.Payments.Adyen;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>A KakaoPay payment decided at the sandbox, with the shopper's way back held so the test chooses when (or whether) it happens.</summary>
public sealed record DecidedPayment(string OrderNumber, string AttemptReference, string PspReference, Amount Amount, Uri ReturnUrl);

public static class WebhookSteps
{
    /// <summary>
    /// Country, cart, checkout, then <paramref name="decision"/> at the sandbox's KakaoPay page; the shopper does not
    /// come back yet (follow <see cref="DecidedPayment.ReturnUrl"/> to bring them back).
    /// </summary>
    public static async Task<DecidedPayment> DecideWithoutReturningAsync(this Browser browser, SandboxFactory app, string slug,
        int quantity = 1, string decision = "approve")
    {
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(slug, quantity);
        return await browser.CheckoutAndDecideWithoutReturningAsync(app, decision);
    }

    /// <summary>Checkout of the cart as it is, then the decision at KakaoPay, without coming back.</summary>
    public static async Task<DecidedPayment> CheckoutAndDecideWithoutReturningAsync(this Browser browser, SandboxFactory app, string decision = "approve")
    {
        var toKakaoPay = await browser.SubmitCheckoutAsync();
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var approval = await browser.GetAsync(toKakaoPay.Headers.Location!.ToString());
        var back = await browser.SubmitAsync(approval, $"#{decision}-form");
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);

        var attempt = await app.WithDbAsync(db => db.PaymentAttempts.AsNoTracking().Include(a => a.Order)
            .OrderByDescending(a => a.Id).FirstAsync());
        var payment = Assert.Single(app.Sandbox.PaymentsFor(attempt.Reference));
        return new DecidedPayment(attempt.Order.Number, attempt.Reference, payment.PspReference!, Amount.From(payment.Amount), back.Headers.Location!);
    }

    public static Task<Order> OrderAsync(this StorefrontFactory app, string number) =>
        app.WithDbAsync(db => db.Orders.AsNoTracking()
            .Include(o => o.Attempts).Include(o => o.Events).Include(o => o.Modifications).Include(o => o.Lines)
            .AsSplitQuery().SingleAsync(o => o.Number == number));

    public static Task<int> StockOfAsync(this StorefrontFactory app, string slug) =>
        app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Stock).SingleAsync());
}
