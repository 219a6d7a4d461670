using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Admin;

/// <summary>
/// A merchandiser refunds, cancels, fulfils and annotates orders paid through the sandbox's KakaoPay, through the real
/// admin forms. Adyen's webhooks are not delivered yet: where one is needed, it is applied with
/// <see cref="AdminSteps.SettleModificationAsync"/>, as the webhook worker will.
/// </summary>
public sealed class OrderActionsTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    private const string Merchandiser = StorefrontFactory.MerchandiserEmail;

    [Fact]
    public async Task A_partial_refund_is_saved_sent_to_adyen_under_its_reference_and_shown_as_requested()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var paid = await app.LoadOrderAsync(number);
        var half = paid.TotalAmount / 2;
        using var merchandiser = await app.MerchandiserAsync();
        var exchangesBefore = app.Exchanges.Count;

        var response = await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string>
        {
            ["Refund.Amount"] = half.ToString(), ["Refund.Reason"] = "One cup arrived broken",
        });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/admin/orders/{number}", response.Headers.Location!.OriginalString);
        var order = await app.LoadOrderAsync(number);
        var refund = Assert.Single(order.Modifications);
        Assert.Equal((ModificationKind.Refund, ModificationStatus.Requested, half), (refund.Kind, refund.Status, refund.Amount));
        Assert.Equal($"{number}-R1", refund.Reference);
        Assert.Equal("One cup arrived broken", refund.Reason);
        Assert.Equal(Merchandiser, refund.RequestedBy);
        Assert.NotNull(refund.PspReference);
        Assert.Equal(PaymentStatus.Authorised, order.PaymentStatus);
        Assert.Equal(paid.TotalAmount - half, order.RefundableAmount);

        var exchange = Assert.Single(app.Exchanges.Skip(exchangesBefore));
        Assert.Equal($"/payments/{order.Payment!.PspReference}/refunds", exchange.OperationPath);
        Assert.Equal(refund.Reference, exchange.IdempotencyKey);
        using var body = JsonDocument.Parse(exchange.RequestBody!);
        Assert.Equal(refund.Reference, body.RootElement.GetProperty("reference").GetString());
        Assert.Equal(half, body.RootElement.GetProperty("amount").GetProperty("value").GetInt64());
        Assert.Equal("KRW", body.RootElement.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal(refund.PspReference, JsonDocument.Parse(exchange.ResponseBody!).RootElement.GetProperty("pspReference").GetString());
        ContractAssertions.AssertMatchesCheckoutV71([exchange]);
        Assert.Equal(half, app.Sandbox.PaymentsFor(order.Payment.Reference).Single().RefundedMinorUnits);

        var audit = order.Events.Single(e => e.Kind == "RefundRequested");
        Assert.Equal((Merchandiser, OrderStatus.Paid, PaymentStatus.Authorised), (audit.Actor, audit.FromStatus, audit.FromPaymentStatus));

        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Contains("sent to Adyen", page.Document.QuerySelector("[data-testid=notice]")?.TextContent);
        var status = page.Document.QuerySelector($"tr[data-reference='{refund.Reference}'] [data-testid=modification-status]")!;
        Assert.Equal("Requested", status.GetAttribute("data-status"));
        Assert.StartsWith("requested", status.TextContent.Trim());
    }

    [Fact]
    public async Task Refunding_more_than_is_left_is_refused_and_changes_nothing()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        using var merchandiser = await app.MerchandiserAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string>
        {
            ["Refund.Amount"] = (total / 2).ToString(), ["Refund.Reason"] = "Half back",
        })).StatusCode);
        var exchangesBefore = app.Exchanges.Count;

        foreach (var amount in new[] { (total / 2 + 1).ToString(), (total + 1).ToString(), "0", "-5", "abc", "1.5", "" })
        {
            var response = await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string>
            {
                ["Refund.Amount"] = amount, ["Refund.Reason"] = "Too much",
            });

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var page = await Browser.Page.LoadAsync(response);
            Assert.False(string.IsNullOrWhiteSpace(page.Document.QuerySelector("#refund-form [role=alert]")?.TextContent), $"No message for {amount}.");
        }

        var order = await app.LoadOrderAsync(number);
        Assert.Single(order.Modifications);
        Assert.Equal(total - total / 2, order.RefundableAmount);
        Assert.Empty(app.Exchanges.Skip(exchangesBefore));
    }

    [Fact]
    public async Task A_refund_needs_the_confirmation_box_ticked_and_a_reason()
    {
        var number = await app.PaidKakaoPayOrderAsync();
        using var merchandiser = await app.MerchandiserAsync();

        var unconfirmed = await merchandiser.ActAsync(number, "#refund-form",
            new Dictionary<string, string> { ["Refund.Amount"] = "1000", ["Refund.Reason"] = "Goodwill" }, confirm: false);
        var withoutReason = await merchandiser.ActAsync(number, "#refund-form",
            new Dictionary<string, string> { ["Refund.Amount"] = "1000", ["Refund.Reason"] = " " });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Contains("Tick the confirmation box", (await Browser.Page.LoadAsync(unconfirmed)).Document.QuerySelector("#refund-form [role=alert]")?.TextContent);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutReason.StatusCode);
        Assert.Contains("reason", (await Browser.Page.LoadAsync(withoutReason)).Document.QuerySelector("#refund-form [role=alert]")?.TextContent);
        Assert.Empty((await app.LoadOrderAsync(number)).Modifications);
    }

    [Fact]
    public async Task An_action_posted_without_its_forms_fields_is_refused_and_changes_nothing()
    {
        var number = await app.PaidKakaoPayOrderAsync();
        var before = await app.LoadOrderAsync(number);
        using var merchandiser = await app.MerchandiserAsync();
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        var exchangesBefore = app.Exchanges.Count;

        foreach (var form in new[] { "#refund-form", "#cancel-form", "#fulfil-form", "#note-form" })
        {
            // Only what any form carries: the antiforgery token. No confirmation, no one-time key.
            var html = page.Document.QuerySelector(form)!;
            var token = html.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var response = await merchandiser.Client.PostAsync(new Uri(page.Response.RequestMessage!.RequestUri!, html.GetAttribute("action")),
                new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }

        var after = await app.LoadOrderAsync(number);
        Assert.Equal((OrderStatus.Paid, PaymentStatus.Authorised), (after.Status, after.PaymentStatus));
        Assert.Empty(after.Modifications);
        Assert.Null(after.FulfilledAt);
        Assert.Equal(before.Events.Count, after.Events.Count);
        Assert.Empty(app.Exchanges.Skip(exchangesBefore));
    }

    [Fact]
    public async Task A_double_clicked_refund_makes_one_modification_and_one_adyen_refund()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        using var merchandiser = await app.MerchandiserAsync();
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        var fields = AdminSteps.WithConfirmation(page, "#refund-form",
            new Dictionary<string, string> { ["Refund.Amount"] = (total / 2).ToString(), ["Refund.Reason"] = "Double click" }, confirm: true);
        var exchangesBefore = app.Exchanges.Count;

        var clicks = await Task.WhenAll(
            merchandiser.SubmitAsync(page, "#refund-form", fields),
            merchandiser.SubmitAsync(page, "#refund-form", fields));
        var third = await merchandiser.SubmitAsync(page, "#refund-form", fields);

        Assert.All(clicks.Append(third), r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        var order = await app.LoadOrderAsync(number);
        var refund = Assert.Single(order.Modifications);
        Assert.Equal(total / 2, refund.Amount);
        Assert.Single(order.Events, e => e.Kind == "RefundRequested");
        Assert.Single(app.Exchanges.Skip(exchangesBefore), e => e.OperationPath.EndsWith("/refunds", StringComparison.Ordinal));
        Assert.Equal(total / 2, app.Sandbox.PaymentsFor(order.Payment!.Reference).Single().RefundedMinorUnits);
        var after = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Contains("already requested", after.Document.QuerySelector("[data-testid=notice]")?.TextContent);
    }

    [Fact]
    public async Task Adyens_refund_webhook_confirms_the_refund_and_the_page_says_refunded()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        using var merchandiser = await app.MerchandiserAsync();
        await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string>
        {
            ["Refund.Amount"] = (total / 2).ToString(), ["Refund.Reason"] = "Return",
        });

        await app.SettleModificationAsync($"{number}-R1", success: true);

        var order = await app.LoadOrderAsync(number);
        Assert.Equal(ModificationStatus.Confirmed, order.Modifications.Single().Status);
        Assert.Equal(PaymentStatus.PartiallyRefunded, order.PaymentStatus);
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        var status = page.Document.QuerySelector($"tr[data-reference='{number}-R1'] [data-testid=modification-status]")!;
        Assert.Equal(("Confirmed", "refunded"), (status.GetAttribute("data-status"), status.TextContent.Trim()));
        Assert.Equal("₩" + (total - total / 2).ToString("N0"), page.Document.QuerySelector("[data-testid=refundable]")?.TextContent);
        var webhook = page.Document.QuerySelector("[data-testid=timeline] li[data-kind=RefundConfirmed]")!;
        Assert.Equal("Webhook", webhook.GetAttribute("data-source"));
        Assert.Contains("\"eventCode\":\"REFUND\"", webhook.QuerySelector("details pre")?.TextContent);
    }

    [Fact]
    public async Task A_failed_refund_reopens_the_amount_and_raises_an_alert_on_the_dashboard()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 2);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        using var merchandiser = await app.MerchandiserAsync();
        await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string>
        {
            ["Refund.Amount"] = total.ToString(), ["Refund.Reason"] = "Everything back",
        });

        await app.SettleModificationAsync($"{number}-R1", success: false, reason: "Insufficient balance on the merchant account");

        var order = await app.LoadOrderAsync(number);
        Assert.Equal(ModificationStatus.Failed, order.Modifications.Single().Status);
        Assert.Equal(total, order.RefundableAmount);
        Assert.Contains("failed", order.ReviewReason);
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Equal("failed", page.Document.QuerySelector($"tr[data-reference='{number}-R1'] [data-testid=modification-status]")?.TextContent.Trim().Split('\n')[0].Trim());
        Assert.NotNull(page.Document.QuerySelector("#refund-form"));
        Assert.NotNull(page.Document.QuerySelector("[data-testid=review]"));

        var dashboard = await merchandiser.GetAsync("/admin");
        Assert.Contains($"{number}-R1", dashboard.Document.QuerySelector("[data-testid=failed]")?.TextContent);
        Assert.Contains("Insufficient balance", dashboard.Document.QuerySelector("[data-testid=failed]")?.TextContent);
        Assert.NotNull(dashboard.Document.QuerySelector($"[data-testid=flagged] a[href='/admin/orders/{number}']"));
    }

    [Fact]
    public async Task Clearing_a_review_takes_the_order_off_the_attention_list_and_is_audited()
    {
        var number = await app.PaidKakaoPayOrderAsync();
        using var merchandiser = await app.MerchandiserAsync();
        await merchandiser.ActAsync(number, "#refund-form", new Dictionary<string, string> { ["Refund.Amount"] = "1000", ["Refund.Reason"] = "Goodwill" });
        await app.SettleModificationAsync($"{number}-R1", success: false, reason: "Refused by the bank");

        var unconfirmed = await merchandiser.ActAsync(number, "#review-form", new Dictionary<string, string> { ["Review.Resolution"] = "Refunded by bank transfer" }, confirm: false);
        var cleared = await merchandiser.ActAsync(number, "#review-form", new Dictionary<string, string> { ["Review.Resolution"] = "Refunded by bank transfer" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, cleared.StatusCode);
        var order = await app.LoadOrderAsync(number);
        Assert.Null(order.ReviewReason);
        Assert.Null(order.FlaggedAt);
        var audit = order.Events.Single(e => e.Kind == "ReviewCleared");
        Assert.Equal((Merchandiser, OrderStatus.Paid), (audit.Actor, audit.FromStatus));
        Assert.Contains("Refunded by bank transfer", audit.Summary);
        var dashboard = await merchandiser.GetAsync("/admin");
        Assert.Null(dashboard.Document.QuerySelector($"[data-testid=flagged] a[href='/admin/orders/{number}']"));
    }

    [Fact]
    public async Task Cancelling_an_unpaid_order_releases_its_stock_at_once()
    {
        var slug = await app.StockedProductAsync(skip: 1);
        var stockBefore = await app.StockOfAsync(slug);
        var number = await app.UnpaidKakaoPayOrderAsync(slug, quantity: 2);
        Assert.Equal(stockBefore - 2, await app.StockOfAsync(slug));
        using var merchandiser = await app.MerchandiserAsync();
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Null(page.Document.QuerySelector("#refund-form"));
        Assert.Null(page.Document.QuerySelector("#fulfil-form"));
        var exchangesBefore = app.Exchanges.Count;

        var response = await merchandiser.SubmitAsync(page, "#cancel-form",
            AdminSteps.WithConfirmation(page, "#cancel-form", new Dictionary<string, string> { ["Cancel.Reason"] = "Shopper asked by phone" }, true));
        var again = await merchandiser.SubmitAsync(page, "#cancel-form",
            AdminSteps.WithConfirmation(page, "#cancel-form", new Dictionary<string, string> { ["Cancel.Reason"] = "Again" }, true));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var order = await app.LoadOrderAsync(number);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.False(order.HoldsStock);
        Assert.Equal(AttemptStatus.Expired, order.Attempts.Single().Status);
        Assert.Equal(stockBefore, await app.StockOfAsync(slug));
        Assert.Empty(order.Modifications);
        Assert.Empty(app.Exchanges.Skip(exchangesBefore));
        var audit = order.Events.Single(e => e.Kind == "OrderCancelled");
        Assert.Equal((Merchandiser, OrderStatus.AwaitingPayment, PaymentStatus.AwaitingShopper), (audit.Actor, audit.FromStatus, audit.FromPaymentStatus));
        Assert.Contains("Shopper asked by phone", audit.Summary);
    }

    [Fact]
    public async Task Cancelling_a_paid_order_sends_a_full_reversal_and_waits_for_adyen()
    {
        var slug = await app.StockedProductAsync(skip: 2);
        var number = await app.PaidKakaoPayOrderAsync(quantity: 1, slug: slug);
        var total = (await app.LoadOrderAsync(number)).TotalAmount;
        using var merchandiser = await app.MerchandiserAsync();
        var exchangesBefore = app.Exchanges.Count;

        var response = await merchandiser.ActAsync(number, "#cancel-form", new Dictionary<string, string> { ["Cancel.Reason"] = "Out of stock at the warehouse" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var order = await app.LoadOrderAsync(number);
        Assert.Equal(OrderStatus.Paid, order.Status);
        var reversal = Assert.Single(order.Modifications);
        Assert.Equal((ModificationKind.Reversal, ModificationStatus.Requested, total), (reversal.Kind, reversal.Status, reversal.Amount));
        Assert.NotNull(reversal.PspReference);
        var exchange = Assert.Single(app.Exchanges.Skip(exchangesBefore));
        Assert.Equal($"/payments/{order.Payment!.PspReference}/reversals", exchange.OperationPath);
        Assert.Equal(reversal.Reference, exchange.IdempotencyKey);
        Assert.Equal(reversal.Reference, JsonDocument.Parse(exchange.RequestBody!).RootElement.GetProperty("reference").GetString());
        ContractAssertions.AssertMatchesCheckoutV71([exchange]);
        var audit = order.Events.Single(e => e.Kind == "CancellationRequested");
        Assert.Equal((Merchandiser, OrderStatus.Paid), (audit.Actor, audit.FromStatus));

        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Null(page.Document.QuerySelector("#cancel-form"));
        Assert.Equal("requested", page.Document.QuerySelector($"tr[data-reference='{reversal.Reference}'] [data-testid=modification-status]")?.TextContent.Trim());

        await app.SettleModificationAsync(reversal.Reference, success: true);
        var cancelled = await app.LoadOrderAsync(number);
        Assert.Equal((OrderStatus.Cancelled, PaymentStatus.Refunded), (cancelled.Status, cancelled.PaymentStatus));
    }

    [Fact]
    public async Task Fulfilling_records_the_carrier_and_tracking_number_once()
    {
        var number = await app.PaidKakaoPayOrderAsync();
        using var merchandiser = await app.MerchandiserAsync();
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        var fields = AdminSteps.WithConfirmation(page, "#fulfil-form",
            new Dictionary<string, string> { ["Fulfil.Carrier"] = "CJ Logistics", ["Fulfil.TrackingNumber"] = "6543-2109-8765" }, true);

        var unconfirmed = await merchandiser.SubmitAsync(page, "#fulfil-form",
            AdminSteps.WithConfirmation(page, "#fulfil-form", new Dictionary<string, string> { ["Fulfil.Carrier"] = "CJ Logistics", ["Fulfil.TrackingNumber"] = "1" }, false));
        var fulfilled = await merchandiser.SubmitAsync(page, "#fulfil-form", fields);
        var again = await merchandiser.SubmitAsync(page, "#fulfil-form", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, fulfilled.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("only a paid order can be fulfilled", (await Browser.Page.LoadAsync(again)).Document.QuerySelector("[data-testid=error]")?.TextContent);
        var order = await app.LoadOrderAsync(number);
        Assert.Equal((OrderStatus.Fulfilled, "CJ Logistics", "6543-2109-8765"), (order.Status, order.Carrier, order.TrackingNumber));
        var audit = Assert.Single(order.Events, e => e.Kind == "OrderFulfilled");
        Assert.Equal((Merchandiser, OrderStatus.Paid), (audit.Actor, audit.FromStatus));
        var after = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Contains("6543-2109-8765", after.Document.QuerySelector("[data-testid=fulfilment]")?.TextContent);
        Assert.Null(after.Document.QuerySelector("#fulfil-form"));
        Assert.NotNull(after.Document.QuerySelector("#refund-form"));
    }

    [Fact]
    public async Task Notes_are_kept_with_their_author_and_need_text()
    {
        var number = await app.PaidKakaoPayOrderAsync();
        using var merchandiser = await app.MerchandiserAsync();

        var empty = await merchandiser.ActAsync(number, "#note-form", new Dictionary<string, string> { ["Note.Text"] = "   " });
        var unconfirmed = await merchandiser.ActAsync(number, "#note-form", new Dictionary<string, string> { ["Note.Text"] = "Not this one" }, confirm: false);
        var added = await merchandiser.ActAsync(number, "#note-form", new Dictionary<string, string> { ["Note.Text"] = "Shopper called: <b>leave at the door</b>" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var note = Assert.Single((await app.LoadOrderAsync(number)).Events, e => e.Kind == "Note");
        Assert.Equal((Merchandiser, OrderStatus.Paid), (note.Actor, note.FromStatus));
        var page = await merchandiser.GetAsync($"/admin/orders/{number}");
        var shown = Assert.Single(page.Document.QuerySelectorAll("[data-testid=notes] li"));
        Assert.Contains("Shopper called: <b>leave at the door</b>", shown.TextContent);
        Assert.Contains(Merchandiser, shown.TextContent);
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=notes] b"));
    }

    [Fact]
    public async Task The_order_page_shows_lines_shopper_attempts_and_the_timeline_with_raw_payloads()
    {
        var number = await app.PaidKakaoPayOrderAsync(quantity: 3);
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync($"/admin/orders/{number}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var order = await app.LoadOrderAsync(number);
        var attempt = order.Attempts.Single();
        Assert.Equal("3", page.Document.QuerySelector("[data-testid=lines] tbody td:nth-child(4)")?.TextContent);
        Assert.Contains("minji@example.kr", page.Document.QuerySelector("[data-testid=shopper]")?.TextContent);
        Assert.Contains("12 Sejong-daero", page.Document.QuerySelector("[data-testid=shopper] address")?.TextContent);
        var row = page.Document.QuerySelector($"[data-testid=attempts] tr[data-reference='{attempt.Reference}']")!;
        Assert.Contains(attempt.PspReference!, row.TextContent);
        Assert.Contains("KakaoPay", row.TextContent);
        Assert.StartsWith("Authorised", row.QuerySelector("[data-testid=attempt-status]")!.TextContent);
        Assert.Equal("—", row.QuerySelector("[data-testid=token]")!.TextContent);
        var kinds = page.Document.QuerySelectorAll("[data-testid=timeline] li").Select(li => li.GetAttribute("data-kind")).ToList();
        Assert.Equal(order.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Kind), kinds);
    }

    [Fact]
    public async Task A_saved_payment_method_is_shown_masked_and_a_webhook_payload_in_full()
    {
        const string token = "8415736344108525";
        var number = SeededOrder.NextNumber();
        await app.WithDbAsync(async db =>
        {
            var order = new SeededOrder { Number = number, PaymentMethod = null }.Build();
            var attempt = order.StartAttempt("kakaopay", Guid.NewGuid().ToString("N"), order.CreatedAt, storedPaymentMethodId: token);
            order.ApplyPaymentResult(attempt, new PaymentResult(AttemptStatus.Authorised, "PSPTOKEN00000001"), order.CreatedAt, OrderEventSource.Webhook,
                """{"eventCode":"AUTHORISATION","pspReference":"PSPTOKEN00000001","success":"true"}""");
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        });
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync($"/admin/orders/{number}");

        Assert.Equal("••••••••8525", page.Document.QuerySelector("[data-testid=attempts] [data-testid=token]")?.TextContent);
        Assert.DoesNotContain(token, page.Html, StringComparison.Ordinal);
        var webhook = page.Document.QuerySelector("[data-testid=timeline] li[data-source=Webhook]")!;
        Assert.Equal("Raw payload", webhook.QuerySelector("details summary")?.TextContent);
        Assert.Contains("\"pspReference\":\"PSPTOKEN00000001\"", webhook.QuerySelector("details pre")?.TextContent);
    }

    [Theory]
    [InlineData("/admin/orders/SF-00000000")]
    [InlineData("/admin/orders/not-an-order")]
    [InlineData("/admin/orders/%3Cscript%3E")]
    public async Task An_unknown_order_is_not_found(string path)
    {
        using var merchandiser = await app.MerchandiserAsync();

        var page = await merchandiser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}
