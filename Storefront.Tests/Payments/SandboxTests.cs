using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Payments.Adyen;
using Storefront.Payments.Sandbox;

namespace Storefront.Tests.Payments;

/// <summary>The sandbox over real HTTP, driven through our client and a shopper's browser.</summary>
public sealed partial class SandboxTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public void Development_defaults_to_sandbox_mode_with_sandbox_credentials()
    {
        var options = app.Services.GetRequiredService<IOptions<AdyenOptions>>().Value;
        Assert.Equal(AdyenMode.Sandbox, options.Mode);
        Assert.Equal(AdyenOptions.SandboxApiKey, options.ApiKey);
        Assert.Equal(AdyenOptions.SandboxMerchantAccount, options.MerchantAccount);
    }

    [Fact]
    public async Task Kakaopay_is_offered_for_korea_in_won_only()
    {
        Assert.Equal(["kakaopay"], await MethodsAsync("KR", "KRW", 15_000));
        Assert.Equal(["ideal"], await MethodsAsync("NL", "EUR", 1_999));
        Assert.Empty(await MethodsAsync("US", "USD", 2_500));
        Assert.Empty(await MethodsAsync("KR", "USD", 2_500));
        Assert.Empty(await MethodsAsync("KR", "KRW", 0));
        var named = await app.Adyen.PaymentMethodsAsync(new PaymentMethodsRequest { CountryCode = "KR", Amount = new Amount("KRW", 15_000) });
        Assert.Equal("KakaoPay", Assert.Single(named.PaymentMethods).Name);
    }

    [Theory]
    [InlineData("approve", PaymentResultCode.Authorised)]
    [InlineData("decline", PaymentResultCode.Refused)]
    [InlineData("cancel", PaymentResultCode.Cancelled)]
    public async Task Redirect_approval_page_and_details_give_the_shoppers_decision(string decision, PaymentResultCode expected)
    {
        using var browser = app.CreateBrowser();
        var reference = NewReference();
        var returnUrl = app.ReturnUrl(reference);

        var payment = await app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, returnUrl), "pay:" + reference);
        Assert.Equal(PaymentResultCode.RedirectShopper, payment.ResultCode);
        Assert.Null(payment.PspReference);
        Assert.Equal("GET", payment.Action!.Method);
        Assert.Equal("kakaopay", payment.Action.PaymentMethodType);

        var back = await SandboxShopper.PayAsync(browser, payment.Action, decision);
        Assert.Equal("GET", back.Method);
        Assert.StartsWith(returnUrl + "&redirectResult=", back.Url, StringComparison.Ordinal);

        var details = await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), "details:" + reference);
        Assert.Equal(expected, details.ResultCode);
        Assert.Matches(PspReference(), details.PspReference);
        Assert.Equal(reference, details.MerchantReference);
        Assert.Equal(new Amount("KRW", 15_000), details.Amount);
        Assert.Equal("kakaopay", details.PaymentMethod!.Type);
        Assert.Equal(expected == PaymentResultCode.Refused, details.RefusalReason is not null);

        var recorded = Assert.Single(app.Sandbox.PaymentsFor(reference));
        Assert.Equal(1, recorded.DetailsCalls);
        var authorisation = Assert.Single(app.Sandbox.EventHistory, e => e.MerchantReference == reference);
        Assert.Equal((SandboxEventCodes.Authorisation, expected == PaymentResultCode.Authorised, details.PspReference),
            (authorisation.EventCode, authorisation.Success, authorisation.PspReference));
    }

    [Fact]
    public async Task Approval_page_shows_the_merchant_and_the_amount_in_won_with_named_buttons()
    {
        using var browser = app.CreateBrowser();
        var reference = NewReference();
        var payment = await app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)), "pay:" + reference);

        var page = await SandboxShopper.OpenApprovalPageAsync(browser, payment.Action!);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(AdyenOptions.SandboxMerchantAccount, page.Document.QuerySelector("#merchant")!.TextContent);
        Assert.Equal("₩15,000", page.Document.QuerySelector("#amount")!.TextContent);
        var buttons = page.Document.QuerySelectorAll("form button[type=submit]").Select(b => b.TextContent.Trim()).ToArray();
        Assert.Equal(["Approve", "Decline", "Cancel"], buttons);
        Assert.Null(page.Document.QuerySelector("#consent"));
    }

    [Fact]
    public async Task A_decision_without_the_pages_antiforgery_token_is_refused()
    {
        using var browser = app.CreateBrowser();
        var reference = NewReference();
        var payment = await app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)), "pay:" + reference);
        var page = await SandboxShopper.OpenApprovalPageAsync(browser, payment.Action!);

        var forged = await browser.SubmitAsync(page, "#approve-form", new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(SandboxOutcome.AwaitingShopper, app.Sandbox.PaymentsFor(reference).Single().Outcome);
    }

    [Fact]
    public async Task Storing_kakaopay_needs_the_shoppers_consent_and_then_remembers_a_token()
    {
        using var browser = app.CreateBrowser();
        var shopper = "shp_" + Guid.NewGuid().ToString("N");
        var reference = NewReference();
        var payment = await app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)) with
        {
            ShopperReference = shopper,
            StorePaymentMethod = true,
            RecurringProcessingModel = RecurringProcessingModel.UnscheduledCardOnFile,
            ShopperInteraction = ShopperInteraction.Ecommerce,
        }, "pay:" + reference);
        var page = await SandboxShopper.OpenApprovalPageAsync(browser, payment.Action!);

        var consent = Assert.IsAssignableFrom<IHtmlInputElement>(page.Document.QuerySelector("#approve-form input#consent"));
        Assert.Equal("checkbox", consent.Type);
        Assert.NotEmpty(page.Document.QuerySelector("label[for=consent]")!.TextContent.Trim());

        var withoutConsent = await browser.SubmitAsync(page, "#approve-form");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutConsent.StatusCode);
        var again = await Infrastructure.Browser.Page.LoadAsync(withoutConsent);
        Assert.Contains("Tick the box", again.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(SandboxOutcome.AwaitingShopper, app.Sandbox.PaymentsFor(reference).Single().Outcome);
        Assert.Empty(app.Sandbox.TokensOf(shopper));

        var back = await SandboxShopper.DecideAsync(browser, again, "approve", consent: true);
        var details = await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), "details:" + reference);
        Assert.Equal(PaymentResultCode.Authorised, details.ResultCode);

        var token = Assert.Single(app.Sandbox.TokensOf(shopper));
        Assert.Equal(details.PspReference, token.FirstPspReference);
        Assert.Equal(token.Id, Assert.Single((await app.Adyen.ListStoredPaymentMethodsAsync(shopper)).StoredPaymentMethods).Id);
        var offered = await app.Adyen.PaymentMethodsAsync(new PaymentMethodsRequest { CountryCode = "KR", Amount = new Amount("KRW", 9_900), ShopperReference = shopper });
        Assert.Equal(token.Id, Assert.Single(offered.StoredPaymentMethods).Id);
        Assert.Contains(app.Sandbox.EventHistory, e => e.EventCode == SandboxEventCodes.RecurringContract && e.PspReference == token.Id && e.OriginalReference == details.PspReference);

        var tokenPayment = await app.Adyen.PaymentsAsync(new PaymentRequest
        {
            Amount = new Amount("KRW", 9_900),
            Reference = NewReference(),
            PaymentMethod = new PaymentMethodDetails { Type = "kakaopay", StoredPaymentMethodId = token.Id },
            ReturnUrl = app.ReturnUrl("token"),
            ShopperReference = shopper,
            ShopperInteraction = ShopperInteraction.ContAuth,
            RecurringProcessingModel = RecurringProcessingModel.UnscheduledCardOnFile,
        }, "pay:token:" + token.Id);
        Assert.Equal(PaymentResultCode.Authorised, tokenPayment.ResultCode);
        Assert.Null(tokenPayment.Action);
        Assert.Matches(PspReference(), tokenPayment.PspReference);

        var someoneElse = await Assert.ThrowsAsync<AdyenRequestRejectedException>(() => app.Adyen.PaymentsAsync(new PaymentRequest
        {
            Amount = new Amount("KRW", 9_900),
            Reference = NewReference(),
            PaymentMethod = new PaymentMethodDetails { Type = "kakaopay", StoredPaymentMethodId = token.Id },
            ReturnUrl = app.ReturnUrl("token"),
            ShopperReference = "shp_somebody_else",
            ShopperInteraction = ShopperInteraction.ContAuth,
            RecurringProcessingModel = RecurringProcessingModel.UnscheduledCardOnFile,
        }, null));
        Assert.Equal("800", someoneElse.ErrorCode);
    }

    [Fact]
    public async Task Declining_a_payment_that_asked_to_store_needs_no_consent_and_stores_nothing()
    {
        using var browser = app.CreateBrowser();
        var shopper = "shp_" + Guid.NewGuid().ToString("N");
        var reference = NewReference();
        var payment = await app.Adyen.PaymentsAsync(
            CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)) with { ShopperReference = shopper, StorePaymentMethod = true },
            "pay:" + reference);

        var back = await SandboxShopper.PayAsync(browser, payment.Action!, "decline");

        Assert.Equal(PaymentResultCode.Refused, (await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), null)).ResultCode);
        Assert.Empty(app.Sandbox.TokensOf(shopper));
    }

    [Fact]
    public async Task Details_calls_are_counted_per_payment_and_repeat_the_same_result()
    {
        using var browser = app.CreateBrowser();
        var reference = NewReference();
        var payment = await app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)), "pay:" + reference);
        var back = await SandboxShopper.PayAsync(browser, payment.Action!, "approve");

        var first = await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), "details:" + reference);
        var replay = await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), "details:" + reference);
        var again = await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), null);

        Assert.Equal(first, replay);
        Assert.Equal(first.PspReference, again.PspReference);
        Assert.Equal(3, app.Sandbox.PaymentsFor(reference).Single().DetailsCalls);
    }

    [Fact]
    public async Task The_same_idempotency_key_gives_the_same_answer_without_a_second_payment()
    {
        var reference = NewReference();
        var request = CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference));

        var first = await app.Adyen.PaymentsAsync(request, "pay:" + reference);
        var second = await app.Adyen.PaymentsAsync(request, "pay:" + reference);
        var withoutKey = await app.Adyen.PaymentsAsync(request, null);

        Assert.Equal(first.Action!.Url, second.Action!.Url);
        Assert.NotEqual(first.Action.Url, withoutKey.Action!.Url);
        Assert.Equal(2, app.Sandbox.PaymentsFor(reference).Count);
    }

    [Fact]
    public async Task Unknown_redirect_result_is_422()
    {
        var failure = await Assert.ThrowsAsync<AdyenRequestRejectedException>(() =>
            app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult("Ab02b4c0!forged"), "details:forged"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.StatusCode);
    }

    [Theory]
    [InlineData("currency", "138")]
    [InlineData("country", "905")]
    [InlineData("amount", "137")]
    [InlineData("returnUrl", "sandbox_return_url_too_long")]
    [InlineData("relativeReturnUrl", "sandbox_invalid_return_url")]
    [InlineData("storeWithoutShopper", "sandbox_required")]
    [InlineData("method", "905")]
    public async Task Payments_are_validated_like_adyen(string what, string errorCode)
    {
        var reference = NewReference();
        var valid = CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference));
        var request = what switch
        {
            "currency" => valid with { Amount = new Amount("USD", 1_500) },
            "country" => valid with { CountryCode = "US" },
            "amount" => valid with { Amount = new Amount("KRW", 0) },
            "returnUrl" => valid with { ReturnUrl = valid.ReturnUrl + "&pad=" + new string('x', 1_024) },
            "relativeReturnUrl" => valid with { ReturnUrl = "/checkout/return?o=1" },
            "storeWithoutShopper" => valid with { StorePaymentMethod = true },
            _ => valid with { PaymentMethod = new PaymentMethodDetails { Type = "scheme" } },
        };

        var failure = await Assert.ThrowsAsync<AdyenRequestRejectedException>(() => app.Adyen.PaymentsAsync(request, "pay:" + reference));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.StatusCode);
        Assert.Equal(errorCode, failure.ErrorCode);
        Assert.False(string.IsNullOrEmpty(failure.Error!.Message));
        Assert.Empty(app.Sandbox.PaymentsFor(reference));
    }

    [Theory]
    [InlineData("""{"merchantAccount":"StorefrontKR_Sandbox","amount":{"currency":"KRW","value":15000},"paymentMethod":{"type":"kakaopay"},"returnUrl":"https://shop.example/r"}""", "130")]
    [InlineData("""{"merchantAccount":"StorefrontKR_Sandbox","reference":"R-1","amount":{"currency":"KRW","value":15000},"paymentMethod":{"type":"kakaopay"}}""", "14_030")]
    [InlineData("""{"merchantAccount":"StorefrontKR_Sandbox","reference":"R-1","paymentMethod":{"type":"kakaopay"},"returnUrl":"https://shop.example/r"}""", "100")]
    [InlineData("""{"merchantAccount":"StorefrontKR_Sandbox","reference":"R-1","amount":{"currency":"KRW","value":15000},"returnUrl":"https://shop.example/r"}""", "sandbox_required")]
    public async Task Missing_required_fields_are_422_with_an_error_code(string body, string errorCode)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", AdyenOptions.SandboxApiKey);

        var response = await client.PostAsync("sandbox/adyen/checkout/v71/payments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ServiceError>();
        Assert.Equal((422, errorCode, "validation"), (error!.Status, error.ErrorCode, error.ErrorType));
    }

    [Fact]
    public async Task A_wrong_api_key_is_401()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", "not-the-key");

        var response = await client.PostAsJsonAsync("sandbox/adyen/checkout/v71/paymentMethods", new { merchantAccount = AdyenOptions.SandboxMerchantAccount });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("security", (await response.Content.ReadFromJsonAsync<ServiceError>())!.ErrorType);
    }

    [Fact]
    public async Task Modifications_are_received_and_their_outcome_is_recorded_for_the_webhooks()
    {
        using var browser = app.CreateBrowser();
        var reference = NewReference();
        var payment = await app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)), "pay:" + reference);
        var back = await SandboxShopper.PayAsync(browser, payment.Action!, "approve");
        var psp = (await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), null)).PspReference!;

        var refund = await app.Adyen.RefundAsync(psp, new PaymentRefundRequest { Amount = new Amount("KRW", 5_000), Reference = "RFD-" + reference }, "refund:" + reference);
        var refundAgain = await app.Adyen.RefundAsync(psp, new PaymentRefundRequest { Amount = new Amount("KRW", 5_000), Reference = "RFD-" + reference }, "refund:" + reference);
        var tooMuch = await app.Adyen.RefundAsync(psp, new PaymentRefundRequest { Amount = new Amount("KRW", 20_000) }, "refund:big:" + reference);

        Assert.Equal(refund, refundAgain);
        Assert.Equal(new Amount("KRW", 5_000), refund.Amount);
        var events = app.Sandbox.EventHistory.Where(e => e.OriginalReference == psp && e.EventCode == SandboxEventCodes.Refund).ToArray();
        Assert.Equal([(refund.PspReference, true), (tooMuch.PspReference, false)], events.Select(e => (e.PspReference, e.Success)));
        Assert.Equal(5_000, app.Sandbox.PaymentsFor(reference).Single().RefundedMinorUnits);
    }

    [Fact]
    public async Task Events_are_delivered_to_the_apps_own_webhook_urls_by_default()
    {
        using var browser = app.CreateBrowser();
        var shopper = "shp_" + Guid.NewGuid().ToString("N");
        var reference = NewReference();
        var payment = await app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, app.ReturnUrl(reference)) with
        {
            ShopperReference = shopper,
            StorePaymentMethod = true,
            RecurringProcessingModel = RecurringProcessingModel.UnscheduledCardOnFile,
        }, "pay:" + reference);
        await SandboxShopper.PayAsync(browser, payment.Action!, "approve", consent: true);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var authorisation = await app.Sandbox.WaitForDeliveryAsync(
            d => d.Event.MerchantReference == reference && d.Event.EventCode == SandboxEventCodes.Authorisation, deadline.Token);
        var tokenCreated = await app.Sandbox.WaitForDeliveryAsync(
            d => d.Event.ShopperReference == shopper && d.Event.EventCode == SandboxEventCodes.TokenCreated, deadline.Token);

        Assert.Equal(new Uri(app.BaseAddress, "webhooks/adyen"), authorisation.Url);
        Assert.Equal(new Uri(app.BaseAddress, "webhooks/adyen/tokens"), tokenCreated.Url);
        Assert.Equal(new Storefront.Shared.Money(15_000, "KRW"), authorisation.Event.Amount);
    }

    [Fact]
    public async Task A_test_mode_client_reaches_the_sandbox_through_checkout_url()
    {
        using var adyen = new AdyenClientHarness(o =>
        {
            o.Mode = AdyenMode.Test;
            o.ApiKey = AdyenOptions.SandboxApiKey;
            o.MerchantAccount = AdyenOptions.SandboxMerchantAccount;
            o.CheckoutUrl = new Uri(app.BaseAddress, AdyenOptions.SandboxCheckoutPath.TrimStart('/')).AbsoluteUri;
        });
        adyen.Network.ThenPassThrough();

        var methods = await adyen.Client.PaymentMethodsAsync(new PaymentMethodsRequest { CountryCode = "KR", Amount = new Amount("KRW", 15_000) });

        Assert.Equal("kakaopay", Assert.Single(methods.PaymentMethods).Type);
        Assert.StartsWith(app.BaseAddress.AbsoluteUri + "sandbox/adyen/checkout/v71/paymentMethods", adyen.Network.Attempts.Single().Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    private async Task<string[]> MethodsAsync(string country, string currency, long value) =>
        (await app.Adyen.PaymentMethodsAsync(new PaymentMethodsRequest { CountryCode = country, Amount = new Amount(currency, value) }))
            .PaymentMethods.Select(m => m.Type).ToArray();

    private static string NewReference() => "SB-" + Guid.NewGuid().ToString("N")[..12];

    [GeneratedRegex("^[A-Z0-9]{16}$")]
    private static partial Regex PspReference();
}
