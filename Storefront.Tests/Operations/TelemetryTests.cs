using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Storefront.Checkout;
using Storefront.Orders;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments.Webhooks;

namespace Storefront.Tests.Operations;

/// <summary>Traces and the store's counters, read with OpenTelemetry's in-memory exporter and a meter listener.</summary>
public sealed class TelemetryTests(ObservedFactory app) : IClassFixture<ObservedFactory>
{
    [Fact]
    public async Task A_checkout_is_one_trace_with_the_page_the_adyen_call_and_the_database()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());

        var toKakaoPay = await browser.SubmitCheckoutAsync();

        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var page = await Eventually.ReachesAsync(() => Task.FromResult(app.Spans.LastOrDefault(IsCheckoutPost)), s => s is not null,
            "the POST /checkout span exported");
        var trace = await Eventually.ReachesAsync(() => Task.FromResult(app.Spans.InTrace(page!.TraceId)),
            spans => spans.Any(IsAdyenPaymentsCall) && spans.Any(IsDatabase), "the Adyen call and the database in the checkout's trace",
            describe: spans => string.Join(", ", spans.Select(s => $"{s.Source.Name}:{s.DisplayName}")));
        // One trace from the POST to the redirect: the Adyen call and the queries descend from the page's request.
        var adyen = trace.Single(IsAdyenPaymentsCall);
        Assert.True(DescendsFrom(adyen, page!, trace), "The Adyen call is not inside the checkout's request.");
        Assert.All(trace.Where(IsDatabase), db => Assert.True(DescendsFrom(db, page!, trace)));
        // The API key travels in a header, the shopper's details in the body: neither is ever on a span.
        var recorded = string.Join("\n", trace.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")));
        Assert.DoesNotContain(Storefront.Payments.Adyen.AdyenOptions.SandboxApiKey, recorded, StringComparison.Ordinal);
        Assert.DoesNotContain(CheckoutSteps.KoreanAddress["Form.Email"], recorded, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(CheckoutSteps.KoreanAddress["Form.Phone"], recorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workers_processing_of_a_webhook_links_to_the_request_that_stored_it()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());
        await browser.PayWithKakaoPayAsync();
        var number = await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).Select(o => o.Number).FirstAsync());
        var stored = await Eventually.ReachesAsync(() => app.WithDbAsync(db => db.WebhookMessages.AsNoTracking()
                .FirstOrDefaultAsync(m => m.MerchantReference != null && m.MerchantReference.StartsWith(number) && m.Status == WebhookStatus.Processed)),
            m => m is not null, $"the AUTHORISATION of {number} processed");

        Assert.True(ActivityContext.TryParse(stored!.TraceParent, null, out var receive));

        // The exporter hears every app of the test process, and another app's database numbers its messages alike:
        // the span is the one of this message that links to this receive, and it must exist.
        var processing = await Eventually.ReachesAsync(
            () => Task.FromResult(app.Spans.FirstOrDefault(s => s.DisplayName == "webhook process" && Equals(s.GetTagItem("storefront.webhook.id"), stored.Id)
                && s.Links.Any(l => l.Context.TraceId == receive.TraceId))),
            s => s is not null, "the worker's span of the message, linked to the request that stored it");

        var link = Assert.Single(processing!.Links);
        Assert.Equal(receive.SpanId, link.Context.SpanId);
        Assert.NotEqual(receive.TraceId, processing.TraceId);
        var receiver = await Eventually.ReachesAsync(() => Task.FromResult(app.Spans.InTrace(receive.TraceId)),
            spans => spans.Any(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == WebhookRegistration.StandardPath),
            "the receiving request's span in the linked trace");
        Assert.NotEmpty(receiver);
    }

    [Fact]
    public async Task Log_lines_carry_the_trace_and_span_ids_of_the_request_or_the_worker_that_wrote_them()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 5));
        await browser.PayWithKakaoPayAsync();
        var number = await app.WithDbAsync(db => db.Orders.OrderByDescending(o => o.Id).Select(o => o.Number).FirstAsync());

        var placed = app.Logs.Entries.Single(e => e.Message.StartsWith($"Order {number} placed", StringComparison.Ordinal));
        var checkout = app.Spans.Single(s => IsCheckoutPost(s) && s.TraceId.ToHexString() == placed.TraceId);
        Assert.Contains(app.Spans.InTrace(checkout.TraceId), s => s.SpanId.ToHexString() == placed.SpanId);

        var webhook = await Eventually.ReachesAsync(
            () => Task.FromResult(app.Logs.Entries.FirstOrDefault(e => e.Message.Contains("AUTHORISATION webhook", StringComparison.Ordinal)
                && e.Message.StartsWith($"Payment {number}", StringComparison.Ordinal))),
            e => e is not null, $"the worker's log line for the AUTHORISATION of {number}");
        var processing = await Eventually.ReachesAsync(
            () => Task.FromResult(app.Spans.FirstOrDefault(s => s.DisplayName == "webhook process" && s.TraceId.ToHexString() == webhook!.TraceId)),
            s => s is not null, "the worker's span with the log line's trace id");
        Assert.Contains(app.Spans.InTrace(processing!.TraceId), s => s.SpanId.ToHexString() == webhook!.SpanId);
    }

    [Fact]
    public void The_console_prints_the_scopes_that_carry_the_ids()
    {
        var tracking = app.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;
        var console = app.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;

        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId) && tracking.HasFlag(ActivityTrackingOptions.SpanId), tracking.ToString());
        Assert.True(console.IncludeScopes);
    }

    [Fact]
    public async Task Checkouts_returns_and_webhooks_are_counted_by_outcome_as_they_happen()
    {
        var metrics = app.Metrics;
        var redirects = metrics.Sum(CheckoutMetrics.CheckoutsCounter, ("outcome", "redirect"), ("method", "kakaopay"));
        var authorisedReturns = metrics.Sum(CheckoutMetrics.ReturnsCounter, ("result", "authorised"));
        var refusedReturns = metrics.Sum(CheckoutMetrics.ReturnsCounter, ("result", "refused"));
        var storedAuthorisations = metrics.Sum(WebhookTelemetry.ReceivedCounter, ("event_code", "AUTHORISATION"), ("outcome", "stored"));

        using var paying = app.CreateBrowser();
        await paying.ChooseCountryAsync("KR");
        await paying.AddToCartAsync(await app.StockedProductAsync());
        await paying.PayWithKakaoPayAsync();
        using var declining = app.CreateBrowser();
        await declining.ChooseCountryAsync("KR");
        await declining.AddToCartAsync(await app.StockedProductAsync(skip: 1));
        await declining.PayWithKakaoPayAsync("decline");

        Assert.Equal(redirects + 2, metrics.Sum(CheckoutMetrics.CheckoutsCounter, ("outcome", "redirect"), ("method", "kakaopay")));
        Assert.Equal(authorisedReturns + 1, metrics.Sum(CheckoutMetrics.ReturnsCounter, ("result", "authorised")));
        Assert.Equal(refusedReturns + 1, metrics.Sum(CheckoutMetrics.ReturnsCounter, ("result", "refused")));
        await Eventually.ReachesAsync(
            () => Task.FromResult(metrics.Sum(WebhookTelemetry.ReceivedCounter, ("event_code", "AUTHORISATION"), ("outcome", "stored"))),
            count => count == storedAuthorisations + 2, "both AUTHORISATION webhooks counted as stored");

        // Adyen sending one again, and a sender without the webhook password.
        using var adyen = new AdyenWebhooks(app);
        var item = adyen.Item("AUTHORISATION", AdyenWebhooks.NewPspReference(), "SF-NOSUCHORDER-1", null);
        var duplicates = metrics.Sum(WebhookTelemetry.ReceivedCounter, ("event_code", "AUTHORISATION"), ("outcome", "duplicate"));
        var refused = metrics.Sum(WebhookTelemetry.ReceivedCounter, ("outcome", "refused"), ("reason", "WrongCredentials"));
        Assert.Equal(HttpStatusCode.Accepted, (await adyen.SendAsync(item)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await adyen.SendAsync(item)).StatusCode);
        await adyen.PostStandardAsync(AdyenWebhooks.StandardBody(adyen.Signed(item)), AdyenWebhooks.Basic("someone", "guessed"));

        Assert.Equal(duplicates + 1, metrics.Sum(WebhookTelemetry.ReceivedCounter, ("event_code", "AUTHORISATION"), ("outcome", "duplicate")));
        Assert.Equal(refused + 1, metrics.Sum(WebhookTelemetry.ReceivedCounter, ("outcome", "refused"), ("reason", "WrongCredentials")));
    }

    [Fact]
    public async Task A_stock_out_an_expired_order_and_a_refund_requested_then_confirmed_are_counted()
    {
        var metrics = app.Metrics;
        var stockOuts = metrics.Sum(CheckoutMetrics.StockOutsCounter);
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync(skip: 2);
        await browser.AddToCartAsync(slug, 3);
        var form = await browser.GetAsync("/checkout");
        // Bought by someone else while this shopper filled in the form.
        await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, 2)));

        var refused = await browser.SubmitAsync(form, "#checkout-form", new Dictionary<string, string>(CheckoutSteps.KoreanAddress));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(stockOuts + 1, metrics.Sum(CheckoutMetrics.StockOutsCounter));

        var expired = metrics.Sum(OrderMetrics.ExpiredCounter);
        var unpaid = await app.UnpaidKakaoPayOrderAsync(await app.StockedProductAsync(skip: 3));
        await app.WithDbAsync(db => db.Orders.Where(o => o.Number == unpaid)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.PaymentDeadline, DateTime.UtcNow.AddMinutes(-1))));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OrderExpiry>().ExpireDueAsync(CancellationToken.None);
        Assert.Equal(expired + 1, metrics.Sum(OrderMetrics.ExpiredCounter));

        var requested = metrics.Sum(OrderMetrics.ModificationsCounter, ("kind", "refund"), ("stage", "requested"));
        var confirmed = metrics.Sum(OrderMetrics.ModificationsCounter, ("kind", "refund"), ("stage", "confirmed"));
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2, slug: await app.StockedProductAsync(skip: 4));
        using var merchandiser = await app.MerchandiserAsync();
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string>
        {
            ["Refund.Amount"] = (total / 2).ToString(), ["Refund.Reason"] = "Counted",
        });
        Assert.Equal(requested + 1, metrics.Sum(OrderMetrics.ModificationsCounter, ("kind", "refund"), ("stage", "requested")));
        await Eventually.ReachesAsync(
            () => Task.FromResult(metrics.Sum(OrderMetrics.ModificationsCounter, ("kind", "refund"), ("stage", "confirmed"))),
            count => count == confirmed + 1, "the refund confirmed by the sandbox's REFUND webhook, counted");
    }

    private static bool IsCheckoutPost(Activity span) =>
        span.Kind == ActivityKind.Server && span.GetTagItem("http.request.method") as string == "POST"
        && span.GetTagItem("url.path") as string == "/checkout";

    private static bool IsAdyenPaymentsCall(Activity span) =>
        span.Kind == ActivityKind.Client && span.GetTagItem("url.full") is string url
        && new Uri(url).AbsolutePath.EndsWith("/payments", StringComparison.Ordinal);

    private static bool IsDatabase(Activity span) => span.GetTagItem("db.system") is not null || span.GetTagItem("db.system.name") is not null;

    private static bool DescendsFrom(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.SpanId == ancestor.SpanId)
                return true;
        }
        return false;
    }
}
