using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Admin;

/// <summary>
/// Refunds when Adyen refuses the request outright (a 4xx) or cannot be reached: the first fails at once with Adyen's
/// message; the second stays requested, unsent, and "Send again" delivers it under the same reference and key.
/// </summary>
public sealed class AdyenModificationFailureTests(AdyenModificationFailureTests.FaultySandboxFactory app)
    : IClassFixture<AdyenModificationFailureTests.FaultySandboxFactory>
{
    [Fact]
    public async Task A_refund_adyen_rejects_fails_at_once_with_its_message_and_reopens_the_amount()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        using var merchandiser = await app.MerchandiserAsync();

        var response = await WithFaultAsync(ModificationFault.Reject, () => merchandiser.ActAsync(number, "#refund-form",
            new Dictionary<string, string> { ["Refund.Amount"] = (total / 2).ToString(), ["Refund.Reason"] = "Damaged" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Browser.Page.LoadAsync(response);
        Assert.Contains("Adyen refused", page.Document.QuerySelector("#refund-form [role=alert]")?.TextContent);
        Assert.Contains(FaultySandboxFactory.RejectionMessage, page.Document.QuerySelector("#refund-form [role=alert]")?.TextContent);
        var order = await app.LoadOrderAsync(number);
        var refund = Assert.Single(order.Modifications);
        Assert.Equal(ModificationStatus.Failed, refund.Status);
        Assert.Contains(FaultySandboxFactory.RejectionMessage, refund.FailureReason);
        Assert.Null(refund.PspReference);
        Assert.Equal(total, order.RefundableAmount);
        Assert.Null(order.ReviewReason);
        Assert.Single(order.Events, e => e.Kind == "RefundRejected");
        Assert.Equal(0, app.Sandbox.PaymentsFor(order.Payment!.Reference).Single().RefundedMinorUnits);

        // The form comes back with a fresh key, so trying again is a new refund, not the failed one.
        var retry = await merchandiser.SubmitAsync(page, "#refund-form", AdminSteps.WithConfirmation(page, "#refund-form",
            new Dictionary<string, string> { ["Refund.Amount"] = (total / 2).ToString(), ["Refund.Reason"] = "Damaged" }, true));
        Assert.Equal(HttpStatusCode.SeeOther, retry.StatusCode);
        var after = await app.LoadOrderAsync(number);
        Assert.Equal(ModificationStatus.Requested, after.Modifications.Single(m => m.Reference == $"{number}-R2").Status);
    }

    [Fact]
    public async Task A_refund_adyen_cannot_be_reached_stays_requested_and_is_sent_again_under_the_same_key()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        using var merchandiser = await app.MerchandiserAsync();

        var response = await WithFaultAsync(ModificationFault.Unreachable, () => merchandiser.ActAsync(number, "#refund-form",
            new Dictionary<string, string> { ["Refund.Amount"] = (total / 2).ToString(), ["Refund.Reason"] = "Late delivery" }));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var reference = $"{number}-R1";
        var unsent = Assert.Single((await app.LoadOrderAsync(number)).Modifications);
        Assert.Equal((ModificationStatus.Requested, null), (unsent.Status, unsent.PspReference));
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Contains("could not be reached", page.Document.QuerySelector("[data-testid=notice]")?.TextContent);
        Assert.Contains("warning", page.Document.QuerySelector("[data-testid=notice]")?.ClassName);
        Assert.Contains("not received by Adyen", page.Document.QuerySelector($"tr[data-reference='{reference}']")?.TextContent);
        var dashboard = await merchandiser.GetAsync("/admin");
        Assert.Contains("not received by Adyen", dashboard.Document.QuerySelector("[data-testid=waiting]")?.TextContent);
        var exchangesBefore = app.Exchanges.Count;

        var sent = await merchandiser.SubmitAsync(page, $"tr[data-reference='{reference}'] form");
        var sentTwice = await merchandiser.SubmitAsync(page, $"tr[data-reference='{reference}'] form");

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sentTwice.StatusCode);
        Assert.Contains("already received", (await Browser.Page.LoadAsync(sentTwice)).Document.QuerySelector("#modifications-heading ~ [role=alert]")?.TextContent);
        var refund = Assert.Single((await app.LoadOrderAsync(number)).Modifications);
        Assert.Equal(ModificationStatus.Requested, refund.Status);
        Assert.NotNull(refund.PspReference);
        var exchange = Assert.Single(app.Exchanges.Skip(exchangesBefore));
        Assert.Equal(reference, exchange.IdempotencyKey);
        Assert.EndsWith("/refunds", exchange.OperationPath, StringComparison.Ordinal);
        Assert.Equal(total / 2, app.Sandbox.PaymentsFor($"{number}-1").Single().RefundedMinorUnits);
        var after = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Null(after.Document.QuerySelector($"tr[data-reference='{reference}'] form"));
    }

    [Fact]
    public async Task A_cancellation_adyen_cannot_be_reached_keeps_the_order_paid_and_can_be_sent_again()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 1);
        using var merchandiser = await app.MerchandiserAsync();

        var response = await WithFaultAsync(ModificationFault.Unreachable, () =>
            merchandiser.ActAsync(number, "#cancel-form", new Dictionary<string, string> { ["Cancel.Reason"] = "Fraud suspected" }));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var order = await app.LoadOrderAsync(number);
        Assert.Equal(OrderStatus.Paid, order.Status);
        var reversal = Assert.Single(order.Modifications);
        Assert.Equal((ModificationKind.Reversal, ModificationStatus.Requested, null), (reversal.Kind, reversal.Status, reversal.PspReference));

        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Null(page.Document.QuerySelector("#cancel-form"));
        var sent = await merchandiser.SubmitAsync(page, $"tr[data-reference='{reversal.Reference}'] form");

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.NotNull((await app.LoadOrderAsync(number)).Modifications.Single().PspReference);
        Assert.Single(app.Exchanges, e => e.OperationPath.EndsWith("/reversals", StringComparison.Ordinal) && e.IdempotencyKey == reversal.Reference);
    }

    private async Task<T> WithFaultAsync<T>(ModificationFault fault, Func<Task<T>> action)
    {
        app.Fault = fault;
        try
        {
            return await action();
        }
        finally
        {
            app.Fault = ModificationFault.None;
        }
    }

    public enum ModificationFault
    {
        None,

        /// <summary>Adyen answers 422 with a ServiceError, as for a malformed or refused request.</summary>
        Reject,

        /// <summary>The connection fails, every try.</summary>
        Unreachable,
    }

    /// <summary>The sandbox, with refunds and reversals failing on demand between our client and the sandbox.</summary>
    public class FaultySandboxFactory : SandboxFactory
    {
        public const string RejectionMessage = "Modification not allowed for this payment method";

        private volatile ModificationFault _fault;

        public ModificationFault Fault
        {
            get => _fault;
            set => _fault = value;
        }

        /// <summary>The idempotency key of every refund or reversal call that failed on purpose.</summary>
        public ConcurrentQueue<string?> FaultedKeys { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new FaultHandler(this))));
        }

        private sealed class FaultHandler(FaultySandboxFactory factory) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var path = request.RequestUri!.AbsolutePath;
                if (!path.EndsWith("/refunds", StringComparison.Ordinal) && !path.EndsWith("/reversals", StringComparison.Ordinal))
                    return base.SendAsync(request, cancellationToken);
                var fault = factory.Fault;
                if (fault != ModificationFault.None)
                    factory.FaultedKeys.Enqueue(request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null);
                return fault switch
                {
                    ModificationFault.Reject => Task.FromResult(new HttpResponseMessage(HttpStatusCode.UnprocessableEntity)
                    {
                        Content = new StringContent(
                            $$"""{"status":422,"errorCode":"167","message":"{{RejectionMessage}}","errorType":"validation"}""",
                            Encoding.UTF8, "application/json"),
                    }),
                    ModificationFault.Unreachable => throw new HttpRequestException("Connection refused (simulated)"),
                    _ => base.SendAsync(request, cancellationToken),
                };
            }
        }
    }
}
