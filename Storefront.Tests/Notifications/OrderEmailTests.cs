using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Notifications;
using Storefront.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments.Webhooks;

namespace Storefront.Tests.Notifications;

/// <summary>
/// The shopper's order e-mails, queued with the payment's outcome through the real checkout, return page and
/// webhooks, and written by the sender to the pickup directory: confirmed only when paid, and only once
/// (F13, docs/payment-failure-modes.md).
/// </summary>
public sealed class OrderEmailTests(NotificationsFactory app) : IClassFixture<NotificationsFactory>, IDisposable
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private readonly AdyenWebhooks _adyen = new(app);

    [Fact]
    public async Task Paying_queues_one_confirmation_and_sends_it_with_a_signed_link_that_works_for_a_guest()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync(skip: 0);
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(slug, 2);

        var back = await browser.PayWithKakaoPayAsync();

        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        var order = await app.WithDbAsync(db => Task.FromResult(db.Orders.OrderByDescending(o => o.Id).First()));
        var queued = Assert.Single(await app.EmailsOfOrderAsync(order.Number));
        Assert.Equal((EmailKind.OrderConfirmed, $"order:{order.Id}:confirmed", CheckoutSteps.KoreanAddress["Form.Email"]),
            (queued.Kind, queued.DeduplicationKey, queued.Recipient));

        var message = await app.MessageAboutAsync(order.Number);
        Assert.Equal(CheckoutSteps.KoreanAddress["Form.Email"], Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("orders@storefront.local", Assert.Single(message.From.Mailboxes).Address);
        Assert.Contains(order.Total.ToString(), message.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("₩", order.Total.ToString(), StringComparison.Ordinal);
        Assert.Contains(order.Total.ToString(), message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(order.Number, message.HtmlBody, StringComparison.Ordinal);
        // Placed by a shopper reading English in Korea: English words, Seoul's clock.
        Assert.Equal("en", order.Culture);
        Assert.Contains($"Hello {CheckoutSteps.KoreanAddress["Form.Name"]},", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Order placed: {InSeoul(order.CreatedAt, "MMMM d, yyyy h:mm tt", "en")}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(Path.GetDirectoryName(app.DatabasePath), Path.GetDirectoryName(app.PickupDirectory));
        var sent = await app.EmailReachesAsync(queued.Id, e => e.Status == EmailStatus.Sent, "sent");
        Assert.Equal(1, sent.Attempts);
        Assert.NotNull(sent.SentAt);

        // A guest in another browser, with no cookie: the link alone opens the order.
        var link = Mailbox.LinkIn(message.TextBody ?? "", app.BaseAddress);
        Assert.Contains("key=", link.Query, StringComparison.Ordinal);
        using var elsewhere = app.CreateBrowser();
        var page = await elsewhere.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(order.Number, page.Html, StringComparison.Ordinal);
        Assert.Equal($"We've e-mailed a confirmation to {CheckoutSteps.KoreanAddress["Form.Email"]}.",
            page.Document.QuerySelector("[data-testid=confirmation-email]")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/orders/{order.Number}")).Status);
        app.Logs.AssertNeverMentions(CheckoutSteps.KoreanAddress["Form.Email"], CheckoutSteps.KoreanAddress["Form.Name"]);
    }

    [Fact]
    public async Task A_korean_order_is_e_mailed_in_korean_on_seouls_clock_and_stays_korean_whoever_causes_the_e_mail()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        var slug = await app.StockedProductAsync(skip: 6);
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(slug);

        var back = await browser.PayWithKakaoPayAsync();

        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        var order = await app.WithDbAsync(db => db.Orders.Include(o => o.Lines).OrderByDescending(o => o.Id).FirstAsync());
        var product = await app.WithDbAsync(db => db.Products.SingleAsync(p => p.Slug == slug));
        Assert.Equal("ko-KR", order.Culture);
        Assert.Equal(product.Names.Ko, Assert.Single(order.Lines).Name);
        var placed = InSeoul(order.CreatedAt, "yyyy년 M월 d일 tt h:mm", "ko-KR");
        Assert.Matches(@"^\d{4}년 \d{1,2}월 \d{1,2}일 오[전후] \d{1,2}:\d{2}$", placed);

        var confirmed = await app.MessageAboutAsync($"주문 {order.Number}의 결제가 완료되었습니다");
        Assert.Contains($"{CheckoutSteps.KoreanAddress["Form.Name"]} 님, 안녕하세요.", confirmed.TextBody, StringComparison.Ordinal);
        Assert.Contains($"주문 일시: {placed}", confirmed.TextBody, StringComparison.Ordinal);
        Assert.Contains(product.Names.Ko!, confirmed.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">수량</th>", confirmed.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ko-KR\">", confirmed.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("주문 내역 보기: ", confirmed.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", confirmed.TextBody, StringComparison.Ordinal);

        // The order page tells the same time.
        var page = await browser.GetAsync(back.Headers.Location!.OriginalString);
        Assert.Equal(placed, page.Document.QuerySelector(".order-facts time")?.TextContent.Trim());
        Assert.DoesNotContain("UTC", page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A merchandiser reading English ships it: the shopper still hears in Korean.
        using var merchandiser = await app.MerchandiserAsync();
        await merchandiser.ActAsync(order.Number, "#fulfil-form",
            new Dictionary<string, string> { ["Fulfil.Carrier"] = "CJ대한통운", ["Fulfil.TrackingNumber"] = "6543-2109-8765" });
        var shipped = await app.MessageAboutAsync($"주문 {order.Number}의 상품이 발송되었습니다");
        Assert.Contains("택배사: CJ대한통운, 운송장 번호: 6543-2109-8765", shipped.TextBody, StringComparison.Ordinal);
        Assert.Contains("발송 일시: ", shipped.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_and_webhook_at_the_same_moment_queue_one_confirmation()
    {
        using var browser = app.CreateBrowser();
        var payment = await browser.DecideWithoutReturningAsync(app, await app.StockedProductAsync(skip: 1));
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

        await Task.WhenAll(browser.Client.GetAsync(payment.ReturnUrl), _adyen.SendAsync(item));

        await _adyen.ProcessedAsync(item);
        Assert.Equal(OrderStatus.Paid, (await app.OrderAsync(payment.OrderNumber)).Status);
        var email = Assert.Single(await app.EmailsOfOrderAsync(payment.OrderNumber));
        Assert.Equal(EmailKind.OrderConfirmed, email.Kind);
        await app.EmailReachesAsync(email.Id, e => e.Status == EmailStatus.Sent, "sent");
        Assert.Single(app.Messages(), m => (m.Subject ?? "").Contains(payment.OrderNumber, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_after_the_return_queues_no_second_confirmation()
    {
        using var browser = app.CreateBrowser();
        var payment = await browser.DecideWithoutReturningAsync(app, await app.StockedProductAsync(skip: 2));
        await browser.Client.GetAsync(payment.ReturnUrl);
        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);

        await _adyen.SendAsync(item);

        await _adyen.ProcessedAsync(item);
        Assert.Equal(EmailKind.OrderConfirmed, Assert.Single(await app.EmailsOfOrderAsync(payment.OrderNumber)).Kind);
    }

    [Theory]
    [InlineData("decline")]
    [InlineData("cancel")]
    public async Task A_refused_or_cancelled_payment_queues_no_confirmation(string decision)
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 3));

        var back = await browser.PayWithKakaoPayAsync(decision);

        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        var order = await app.WithDbAsync(db => Task.FromResult(db.Orders.OrderByDescending(o => o.Id).First()));
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Empty(await app.EmailsOfOrderAsync(order.Number));
    }

    [Fact]
    public async Task A_pending_payment_queues_the_waiting_email_once_and_the_later_success_the_confirmation()
    {
        using var browser = app.CreateBrowser();
        var payment = await browser.DecideWithoutReturningAsync(app, await app.StockedProductAsync(skip: 4));

        // KakaoPay answers Pending on the return, and Adyen repeats it: the order waits for the webhook.
        await FinalizeAsync(payment.AttemptReference, new PaymentResult(AttemptStatus.Pending, payment.PspReference), OrderEventSource.Return);
        await FinalizeAsync(payment.AttemptReference, new PaymentResult(AttemptStatus.Pending, payment.PspReference), OrderEventSource.Webhook);

        var waiting = Assert.Single(await app.EmailsOfOrderAsync(payment.OrderNumber));
        Assert.Equal(EmailKind.AwaitingPayment, waiting.Kind);
        Assert.Equal(PaymentStatus.Confirming, (await app.OrderAsync(payment.OrderNumber)).PaymentStatus);
        var message = await app.MessageAboutAsync($"waiting for your payment for order {payment.OrderNumber}");
        Assert.Contains(new Storefront.Shared.Money(payment.Amount.Value, payment.Amount.Currency).ToString(), message.TextBody, StringComparison.Ordinal);

        var item = _adyen.Item("AUTHORISATION", payment.PspReference, payment.AttemptReference, payment.Amount);
        await _adyen.SendAsync(item);
        await _adyen.ProcessedAsync(item);

        var emails = await app.EmailsOfOrderAsync(payment.OrderNumber);
        Assert.Equal([EmailKind.AwaitingPayment, EmailKind.OrderConfirmed], emails.Select(e => e.Kind));
        await app.MessageAboutAsync($"Order {payment.OrderNumber} confirmed");
    }

    [Fact]
    public async Task Shipping_and_a_confirmed_refund_each_send_one_email_listed_for_the_merchandiser()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 1, slug: await app.StockedProductAsync(skip: 5));
        using var merchandiser = await app.MerchandiserAsync();
        await merchandiser.ActAsync(number, "#fulfil-form",
            new Dictionary<string, string> { ["Fulfil.Carrier"] = "CJ <Logistics>", ["Fulfil.TrackingNumber"] = "6543-2109-8765" });
        var order = await app.OrderAsync(number);
        await merchandiser.ActAsync(number, "#refund-form",
            new Dictionary<string, string> { ["Refund.Amount"] = (order.TotalAmount / 2).ToString(), ["Refund.Reason"] = "Damaged box" });
        var refund = Assert.Single((await app.OrderAsync(number)).Modifications);
        var item = _adyen.Item("REFUND", refund.PspReference!, refund.Reference, new Storefront.Payments.Adyen.Amount(refund.Currency, refund.Amount),
            originalReference: order.Attempts.Single().PspReference);
        await _adyen.SendAsync(item);
        await _adyen.ProcessedAsync(item);

        var emails = await app.EmailsOfOrderAsync(number);
        Assert.Equal([EmailKind.OrderConfirmed, EmailKind.OrderShipped, EmailKind.RefundIssued], emails.Select(e => e.Kind));
        var shipped = await app.MessageAboutAsync($"Order {number} has shipped");
        Assert.Contains("CJ &lt;Logistics&gt;", shipped.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("CJ <Logistics>", shipped.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("6543-2109-8765", shipped.TextBody, StringComparison.Ordinal);
        var refunded = await app.MessageAboutAsync($"for order {number}");
        Assert.Contains(refund.Total.ToString(), refunded.Subject, StringComparison.Ordinal);
        foreach (var email in emails)
            await app.EmailReachesAsync(email.Id, e => e.Status == EmailStatus.Sent, "sent");

        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        var rows = page.Document.QuerySelectorAll("table[data-testid=emails] tbody tr");
        Assert.Equal(["OrderConfirmed", "OrderShipped", "RefundIssued"], rows.Select(r => r.GetAttribute("data-kind")));
        Assert.All(rows, r => Assert.Equal("Sent", r.QuerySelector("[data-testid=email-status]")!.GetAttribute("data-status")));
    }

    private async Task FinalizeAsync(string attemptReference, PaymentResult result, OrderEventSource source)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PaymentFinalizer>().ApplyAsync(attemptReference, result, source);
    }

    public void Dispose() => _adyen.Dispose();

    private static string InSeoul(DateTime utc, string pattern, string culture) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Seoul).ToString(pattern, CultureInfo.GetCultureInfo(culture));
}
