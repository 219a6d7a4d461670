using System.Net;
using System.Text.Json.Nodes;
using Storefront.Payments.Adyen;

namespace Storefront.Tests.Payments;

public sealed class AdyenCheckoutClientTests
{
    private const string Authorised = """{"resultCode":"Authorised","pspReference":"QK7M2C4X9J1F5B8N","merchantReference":"ORD-1-1"}""";

    private static readonly string ServiceUnavailable = """{"status":503,"errorCode":"000","message":"Service unavailable","errorType":"internal"}""";

    [Fact]
    public async Task Sends_the_api_key_merchant_account_and_idempotency_key_and_reuses_the_key_on_retry()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network.Then(HttpStatusCode.ServiceUnavailable, ServiceUnavailable).Then(HttpStatusCode.OK, Authorised);

        var response = await adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), "pay:attempt-42");

        Assert.Equal(PaymentResultCode.Authorised, response.ResultCode);
        var attempts = adyen.Network.Attempts.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.All(attempts, a =>
        {
            Assert.Equal("pay:attempt-42", a.IdempotencyKey);
            Assert.Equal(AdyenClientHarness.ApiKey, a.ApiKey);
            Assert.Equal("StorefrontKR_Test", JsonNode.Parse(a.Body!)!["merchantAccount"]!.GetValue<string>());
        });
        Assert.Equal(attempts[0].Body, attempts[1].Body);
    }

    [Fact]
    public async Task A_post_without_idempotency_key_is_never_retried()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network.Then(HttpStatusCode.ServiceUnavailable, ServiceUnavailable).Then(HttpStatusCode.OK, Authorised);

        await Assert.ThrowsAsync<AdyenUnavailableException>(() =>
            adyen.Client.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult("Ab02b4c0!abc"), idempotencyKey: null));

        var attempt = Assert.Single(adyen.Network.Attempts);
        Assert.Null(attempt.IdempotencyKey);
    }

    [Fact]
    public async Task A_post_without_idempotency_key_is_not_retried_after_a_timeout_either()
    {
        using var adyen = new AdyenClientHarness(o => o.RequestTimeout = TimeSpan.FromMilliseconds(150));
        adyen.Network.ThenHang().Then(HttpStatusCode.OK, Authorised);

        await Assert.ThrowsAsync<AdyenUnavailableException>(() => adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), idempotencyKey: null));

        Assert.Single(adyen.Network.Attempts);
    }

    [Fact]
    public async Task A_post_with_idempotency_key_is_retried_after_a_timeout()
    {
        using var adyen = new AdyenClientHarness(o => o.RequestTimeout = TimeSpan.FromMilliseconds(150));
        adyen.Network.ThenHang().Then(HttpStatusCode.OK, Authorised);

        var response = await adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), "pay:attempt-7");

        Assert.Equal("QK7M2C4X9J1F5B8N", response.PspReference);
        Assert.Equal(["pay:attempt-7", "pay:attempt-7"], adyen.Network.Attempts.Select(a => a.IdempotencyKey));
    }

    [Fact]
    public async Task Gives_up_as_unavailable_after_the_retries_so_the_caller_can_try_later_with_the_same_key()
    {
        using var adyen = new AdyenClientHarness(o => o.MaxRetries = 2);
        adyen.Network.ThenRefuseConnection();

        var failure = await Assert.ThrowsAsync<AdyenUnavailableException>(() =>
            adyen.Client.RefundAsync("QK7M2C4X9J1F5B8N", new PaymentRefundRequest { Amount = new Amount("KRW", 5_000) }, "refund:9"));

        Assert.Equal("refunds", failure.Operation);
        Assert.Equal(3, adyen.Network.Attempts.Count);
    }

    [Fact]
    public async Task Get_and_delete_are_retried_on_server_errors()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network
            .Then(HttpStatusCode.BadGateway, "<html>bad gateway</html>")
            .Then(HttpStatusCode.OK, """{"merchantAccount":"StorefrontKR_Test","shopperReference":"shp_1","storedPaymentMethods":[{"id":"TK1","type":"kakaopay"}]}""")
            .Then(HttpStatusCode.ServiceUnavailable, ServiceUnavailable)
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)));

        var stored = await adyen.Client.ListStoredPaymentMethodsAsync("shp_1");
        await adyen.Client.DeleteStoredPaymentMethodAsync("TK1", "shp_1");

        Assert.Equal("TK1", Assert.Single(stored.StoredPaymentMethods).Id);
        var attempts = adyen.Network.Attempts.ToArray();
        Assert.Equal([HttpMethod.Get, HttpMethod.Get, HttpMethod.Delete, HttpMethod.Delete], attempts.Select(a => a.Method));
        Assert.Equal("/v71/storedPaymentMethods/TK1", attempts[3].Uri.AbsolutePath);
        Assert.Equal("?shopperReference=shp_1&merchantAccount=StorefrontKR_Test", attempts[3].Uri.Query);
    }

    [Fact]
    public async Task Payment_methods_carry_a_key_of_their_own_so_they_can_be_retried()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network.Then(HttpStatusCode.ServiceUnavailable, ServiceUnavailable).Then(HttpStatusCode.OK, """{"paymentMethods":[{"type":"kakaopay","name":"KakaoPay"}]}""");

        var methods = await adyen.Client.PaymentMethodsAsync(new PaymentMethodsRequest { CountryCode = "KR", Amount = new Amount("KRW", 15_000) });

        Assert.Equal("kakaopay", Assert.Single(methods.PaymentMethods).Type);
        var keys = adyen.Network.Attempts.Select(a => a.IdempotencyKey).ToArray();
        Assert.Equal(2, keys.Length);
        Assert.NotNull(keys[0]);
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task A_validation_error_is_mapped_to_a_rejected_request_with_adyens_details_and_is_not_retried()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network.Then(HttpStatusCode.UnprocessableEntity,
            """{"status":422,"errorCode":"14_030","message":"Return URL is missing.","errorType":"validation","pspReference":"ZX7Q2L4M9B8K3C1D"}""");

        var failure = await Assert.ThrowsAsync<AdyenRequestRejectedException>(() => adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), "pay:1"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.StatusCode);
        Assert.Equal("14_030", failure.ErrorCode);
        Assert.Equal("validation", failure.Error!.ErrorType);
        Assert.Equal("ZX7Q2L4M9B8K3C1D", failure.PspReference);
        Assert.Single(adyen.Network.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.Conflict)]
    public async Task Errorcode_704_is_request_in_progress_not_a_failure(HttpStatusCode status)
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network.Then((_, _) =>
        {
            var response = AdyenClientHarness.Json(status, """{"status":422,"errorCode":"704","message":"request already processed or in progress","errorType":"validation"}""");
            response.Headers.Add("transient-error", "true");
            return Task.FromResult(response);
        });

        var failure = await Assert.ThrowsAsync<AdyenRequestInProgressException>(() =>
            adyen.Client.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult("Ab02b4c0!abc"), "details:1"));

        Assert.True(failure.IsTransient);
        Assert.Equal("704", failure.ErrorCode);
        Assert.Single(adyen.Network.Attempts);
    }

    [Fact]
    public async Task Authentication_errors_are_rejections()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network.Then(HttpStatusCode.Unauthorized, """{"status":401,"errorCode":"000","message":"HTTP Status Response - Unauthorized","errorType":"security"}""");

        var failure = await Assert.ThrowsAsync<AdyenRequestRejectedException>(() => adyen.Client.ListStoredPaymentMethodsAsync("shp_1"));

        Assert.Equal("security", failure.Error!.ErrorType);
    }

    [Fact]
    public async Task A_success_with_a_body_that_is_not_json_is_a_protocol_error()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network.Then(HttpStatusCode.OK, "<html>captive portal</html>");

        var failure = await Assert.ThrowsAsync<AdyenException>(() => adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), "pay:1"));

        Assert.IsNotType<AdyenUnavailableException>(failure);
    }

    [Fact]
    public async Task Unknown_fields_and_unknown_result_codes_do_not_break_reading_a_response()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network.Then(HttpStatusCode.OK, """
            {"resultCode":"SomethingNew","pspReference":"QK7M2C4X9J1F5B8N","fraudResult":{"accountScore":0},"brandNewField":[1,2],
             "action":{"type":"redirect","method":"GET","url":"https://example/redirect","paymentMethodType":"kakaopay","extra":"x"}}
            """);

        var response = await adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), "pay:1");

        Assert.Equal(PaymentResultCode.Unknown, response.ResultCode);
        Assert.Equal("https://example/redirect", response.Action!.Url);
    }

    [Fact]
    public async Task Test_mode_calls_adyens_test_endpoint()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network.Then(HttpStatusCode.OK, """{"paymentMethods":[]}""");

        await adyen.Client.PaymentMethodsAsync(new PaymentMethodsRequest { CountryCode = "KR" });

        Assert.Equal("https://checkout-test.adyen.com/v71/paymentMethods", Assert.Single(adyen.Network.Attempts).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Live_mode_builds_the_url_from_the_prefix()
    {
        using var adyen = new AdyenClientHarness(o => { o.Mode = AdyenMode.Live; o.LiveUrlPrefix = "1797a841fbb37ca7-AdyenDemo"; });
        adyen.Network.Then(HttpStatusCode.OK, Authorised);

        await adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), "pay:1");

        Assert.Equal(
            "https://1797a841fbb37ca7-adyendemo-checkout-live.adyenpayments.com/checkout/v71/payments",
            Assert.Single(adyen.Network.Attempts).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Checkout_url_overrides_the_mode()
    {
        using var adyen = new AdyenClientHarness(o =>
        {
            o.Mode = AdyenMode.Live;
            o.LiveUrlPrefix = "ignored";
            o.CheckoutUrl = "https://proxy.internal.example/adyen/checkout/v71/";
        });
        adyen.Network.Then(HttpStatusCode.Created,
            """{"merchantAccount":"StorefrontKR_Test","paymentPspReference":"QK7M2C4X9J1F5B8N","pspReference":"RF4T8Y2U6I0O1P3A","status":"received"}""");

        var cancel = await adyen.Client.CancelAsync("QK7M2C4X9J1F5B8N", new PaymentCancelRequest { Reference = "CNL-1" }, "cancel:1");

        Assert.Equal("received", cancel.Status);
        Assert.Equal(
            "https://proxy.internal.example/adyen/checkout/v71/payments/QK7M2C4X9J1F5B8N/cancels",
            Assert.Single(adyen.Network.Attempts).Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-key-that-is-far-too-long-for-adyen-which-allows-sixty-four-characters")]
    public async Task Refuses_an_idempotency_key_adyen_would_refuse_without_calling_it(string key)
    {
        using var adyen = new AdyenClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), key));

        Assert.Empty(adyen.Network.Attempts);
    }

    [Fact]
    public async Task Logs_operation_status_and_psp_reference_but_never_the_api_key_or_bodies()
    {
        using var adyen = new AdyenClientHarness();
        adyen.Network
            .Then(HttpStatusCode.InternalServerError, """{"status":500,"errorCode":"905","message":"boom","errorType":"configuration","pspReference":"ERR0R0REFERENCE1"}""")
            .Then(HttpStatusCode.OK, Authorised)
            .Then(HttpStatusCode.UnprocessableEntity, """{"status":422,"errorCode":"14_030","message":"Return URL is missing.","errorType":"validation"}""")
            .ThenRefuseConnection();

        await adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), "pay:1");
        await Assert.ThrowsAsync<AdyenRequestRejectedException>(() => adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), null));
        await Assert.ThrowsAsync<AdyenUnavailableException>(() => adyen.Client.PaymentsAsync(AdyenClientHarness.KakaoPay(), null));

        var lines = adyen.Logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("Adyen payments answered 200", StringComparison.Ordinal) && l.Contains("QK7M2C4X9J1F5B8N", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("errorCode 14_030", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Adyen payments unavailable", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(AdyenClientHarness.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("minji@example.kr", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("returnUrl", StringComparison.OrdinalIgnoreCase));
    }
}
