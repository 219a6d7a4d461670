using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Storefront.Payments.Adyen;
using Storefront.Payments.Sandbox;

namespace Storefront.Tests.Payments;

/// <summary>
/// Every request our client sends and every response the sandbox gives, validated against Adyen's Checkout v71
/// OpenAPI file. A renamed or mistyped field on either side fails here.
/// </summary>
public sealed class CheckoutContractTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task Payment_methods_for_each_market_match_the_spec()
    {
        app.Exchanges.Clear();
        foreach (var (country, currency, value) in new[] { ("KR", "KRW", 15_000L), ("NL", "EUR", 1_999L), ("US", "USD", 2_500L) })
        {
            await app.Adyen.PaymentMethodsAsync(new PaymentMethodsRequest
            {
                CountryCode = country,
                Amount = new Amount(currency, value),
                Channel = Channel.Web,
                ShopperLocale = "ko-KR",
                ShopperReference = "shp_contract_methods",
                AllowedPaymentMethods = ["kakaopay", "ideal"],
                BlockedPaymentMethods = ["scheme"],
            });
        }

        var exchanges = app.Exchanges.ToArray();
        ContractAssertions.AssertCovered(exchanges, "POST /paymentMethods 200");
        ContractAssertions.AssertMatchesCheckoutV71(exchanges);
    }

    [Fact]
    public async Task Redirect_payment_with_every_field_and_each_outcome_match_the_spec()
    {
        app.Exchanges.Clear();
        using var browser = app.CreateBrowser();
        var outcomes = new Dictionary<string, PaymentResultCode>();
        foreach (var decision in new[] { "approve", "decline", "cancel" })
        {
            var reference = $"CT-{decision}-{Guid.NewGuid():N}"[..30];
            var payment = await app.Adyen.PaymentsAsync(FullPaymentRequest(reference, app.ReturnUrl(reference)), $"pay:{reference}");
            Assert.Equal(PaymentResultCode.RedirectShopper, payment.ResultCode);
            var back = await SandboxShopper.PayAsync(browser, payment.Action!, decision);
            var details = await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), $"details:{reference}");
            outcomes[decision] = details.ResultCode;
        }

        Assert.Equal(PaymentResultCode.Authorised, outcomes["approve"]);
        Assert.Equal(PaymentResultCode.Refused, outcomes["decline"]);
        Assert.Equal(PaymentResultCode.Cancelled, outcomes["cancel"]);
        var exchanges = app.Exchanges.ToArray();
        ContractAssertions.AssertCovered(exchanges, "POST /payments 200", "POST /payments/details 200");
        ContractAssertions.AssertMatchesCheckoutV71(exchanges);
    }

    [Fact]
    public async Task Token_payment_stored_methods_and_deletion_match_the_spec()
    {
        app.Exchanges.Clear();
        using var browser = app.CreateBrowser();
        var shopper = "shp_" + Guid.NewGuid().ToString("N");
        var first = await app.Adyen.PaymentsAsync(new PaymentRequest
        {
            Amount = new Amount("KRW", 15_000),
            Reference = "CT-first-" + shopper[^8..],
            PaymentMethod = new PaymentMethodDetails { Type = "kakaopay" },
            ReturnUrl = app.ReturnUrl("first"),
            CountryCode = "KR",
            ShopperReference = shopper,
            StorePaymentMethod = true,
            ShopperInteraction = ShopperInteraction.Ecommerce,
            RecurringProcessingModel = RecurringProcessingModel.UnscheduledCardOnFile,
        }, "pay:first:" + shopper[^8..]);
        var back = await SandboxShopper.PayAsync(browser, first.Action!, "approve", consent: true);
        await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), null);

        var methods = await app.Adyen.PaymentMethodsAsync(new PaymentMethodsRequest
        {
            CountryCode = "KR", Amount = new Amount("KRW", 9_900), ShopperReference = shopper,
        });
        var token = Assert.Single(methods.StoredPaymentMethods);
        var again = await app.Adyen.PaymentsAsync(new PaymentRequest
        {
            Amount = new Amount("KRW", 9_900),
            Reference = "CT-token-" + shopper[^8..],
            PaymentMethod = new PaymentMethodDetails { Type = "kakaopay", StoredPaymentMethodId = token.Id },
            ReturnUrl = app.ReturnUrl("token"),
            ShopperReference = shopper,
            ShopperInteraction = ShopperInteraction.ContAuth,
            RecurringProcessingModel = RecurringProcessingModel.UnscheduledCardOnFile,
        }, "pay:token:" + shopper[^8..]);
        Assert.Equal(PaymentResultCode.Authorised, again.ResultCode);

        Assert.Single((await app.Adyen.ListStoredPaymentMethodsAsync(shopper)).StoredPaymentMethods);
        await app.Adyen.DeleteStoredPaymentMethodAsync(token.Id, shopper);
        Assert.Empty((await app.Adyen.ListStoredPaymentMethodsAsync(shopper)).StoredPaymentMethods);

        var exchanges = app.Exchanges.ToArray();
        ContractAssertions.AssertCovered(exchanges,
            "POST /paymentMethods 200", "POST /payments 200", "GET /storedPaymentMethods 200", "DELETE /storedPaymentMethods/{id} 204");
        ContractAssertions.AssertMatchesCheckoutV71(exchanges);
    }

    [Fact]
    public async Task Refund_cancel_and_reversal_match_the_spec()
    {
        var pspReference = await AuthorisedPaymentAsync("CT-mod");
        app.Exchanges.Clear();

        var refund = await app.Adyen.RefundAsync(pspReference, new PaymentRefundRequest
        {
            Amount = new Amount("KRW", 5_000), Reference = "RFD-CT-1", MerchantRefundReason = MerchantRefundReason.CustomerRequest,
        }, "refund:CT-1");
        var cancel = await app.Adyen.CancelAsync(pspReference, new PaymentCancelRequest { Reference = "CNL-CT-1" }, "cancel:CT-1");
        var reversal = await app.Adyen.ReversalAsync(pspReference, new PaymentReversalRequest { Reference = "REV-CT-1" }, "reversal:CT-1");

        Assert.All(new[] { refund, cancel, reversal }, r =>
        {
            Assert.Equal("received", r.Status);
            Assert.Equal(pspReference, r.PaymentPspReference);
            Assert.NotEqual(pspReference, r.PspReference);
        });
        var exchanges = app.Exchanges.ToArray();
        ContractAssertions.AssertCovered(exchanges,
            "POST /payments/{psp}/refunds 201", "POST /payments/{psp}/cancels 201", "POST /payments/{psp}/reversals 201");
        ContractAssertions.AssertMatchesCheckoutV71(exchanges);
    }

    [Fact]
    public async Task Error_bodies_match_the_spec()
    {
        app.Exchanges.Clear();
        var tooLong = app.ReturnUrl("x") + "&pad=" + new string('a', 1_100);
        var rejected = await Assert.ThrowsAsync<AdyenRequestRejectedException>(() =>
            app.Adyen.PaymentsAsync(KakaoPay("CT-err-1", tooLong), "pay:CT-err-1"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        await Assert.ThrowsAsync<AdyenRequestRejectedException>(() =>
            app.Adyen.PaymentsAsync(KakaoPay("CT-err-2", app.ReturnUrl("x")) with { MerchantAccount = "SomebodyElse" }, null));
        await Assert.ThrowsAsync<AdyenRequestRejectedException>(() =>
            app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult("Ab02b4c0!unknown"), null));

        var exchanges = app.Exchanges.ToArray();
        ContractAssertions.AssertCovered(exchanges, "POST /payments 422", "POST /payments 403", "POST /payments/details 422");
        ContractAssertions.AssertMatchesCheckoutV71(exchanges);

        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        var unauthorised = await anonymous.PostAsJsonAsync("sandbox/adyen/checkout/v71/payments", new { merchantAccount = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        var verdict = CheckoutSchema.Instance.Validate(
            CheckoutSchema.Instance.ResponseSchemaName(HttpMethod.Post, "/payments", 401)!, await unauthorised.Content.ReadAsStringAsync());
        Assert.True(verdict.IsValid, verdict.ToString());
    }

    [Fact]
    public async Task Krw_15000_goes_on_the_wire_as_the_integer_15000()
    {
        app.Exchanges.Clear();
        await app.Adyen.PaymentsAsync(KakaoPay("CT-krw", app.ReturnUrl("CT-krw")) with { Amount = Amount.From(new Storefront.Shared.Money(15_000, "KRW")) }, "pay:CT-krw");

        var body = JsonNode.Parse(app.Exchanges.Single().RequestBody!)!;
        Assert.Equal(System.Text.Json.JsonValueKind.Number, body["amount"]!["value"]!.GetValueKind());
        Assert.Equal(15_000, body["amount"]!["value"]!.GetValue<long>());
        Assert.Equal("KRW", body["amount"]!["currency"]!.GetValue<string>());
        Assert.Equal(15_000, app.Sandbox.PaymentsFor("CT-krw").Single().Amount.MinorUnits);
    }

    private async Task<string> AuthorisedPaymentAsync(string prefix)
    {
        using var browser = app.CreateBrowser();
        var reference = $"{prefix}-{Guid.NewGuid():N}"[..24];
        var payment = await app.Adyen.PaymentsAsync(KakaoPay(reference, app.ReturnUrl(reference)), "pay:" + reference);
        var back = await SandboxShopper.PayAsync(browser, payment.Action!, "approve");
        var details = await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), "details:" + reference);
        Assert.Equal(PaymentResultCode.Authorised, details.ResultCode);
        return details.PspReference!;
    }

    internal static PaymentRequest KakaoPay(string reference, string returnUrl) => new()
    {
        Amount = new Amount("KRW", 15_000),
        Reference = reference,
        PaymentMethod = new PaymentMethodDetails { Type = "kakaopay" },
        ReturnUrl = returnUrl,
        CountryCode = "KR",
    };

    /// <summary>Every field the store may send, so that each one is checked against the spec.</summary>
    internal static PaymentRequest FullPaymentRequest(string reference, string returnUrl) => KakaoPay(reference, returnUrl) with
    {
        ShopperLocale = "ko-KR",
        Channel = Channel.Web,
        ShopperReference = "shp_contract_full",
        StorePaymentMethod = false,
        RecurringProcessingModel = RecurringProcessingModel.CardOnFile,
        ShopperInteraction = ShopperInteraction.Ecommerce,
        LineItems =
        [
            new LineItem
            {
                Id = "SKU-881", Description = "Ceramic mug", Quantity = 2, AmountExcludingTax = 6_819, TaxAmount = 681,
                TaxPercentage = 1_000, AmountIncludingTax = 7_500,
                ProductUrl = "https://shop.example.kr/products/mug", ImageUrl = "https://shop.example.kr/img/mug.jpg",
            },
        ],
        ShopperEmail = "buyer@example.kr",
        TelephoneNumber = "+82 10 1234 5678",
        ShopperName = new ShopperName("Minji", "Kim"),
        BillingAddress = new Address
        {
            Street = "Teheran-ro", HouseNumberOrName = "152", PostalCode = "06236", City = "Seoul", Country = "KR", StateOrProvince = "Seoul",
        },
        DeliveryAddress = new DeliveryAddress
        {
            Street = "Teheran-ro", HouseNumberOrName = "152", PostalCode = "06236", City = "Seoul", Country = "KR",
            FirstName = "Minji", LastName = "Kim",
        },
        ShopperIP = "203.0.113.7",
        Origin = "https://shop.example.kr",
        MerchantOrderReference = "ORD-000123",
        Metadata = new Dictionary<string, string> { ["orderNumber"] = "ORD-000123" },
    };
}

/// <summary>The POST variants: a redirect action with <c>data</c>, and the shopper returned by an auto-posted form.</summary>
public sealed class PostVariantContractTests(PostVariantSandboxFactory app) : IClassFixture<PostVariantSandboxFactory>
{
    [Fact]
    public async Task Post_redirect_action_and_post_return_match_the_spec_and_authorise()
    {
        app.Exchanges.Clear();
        using var browser = app.CreateBrowser();
        var reference = "CT-post-" + Guid.NewGuid().ToString("N")[..8];
        var returnUrl = app.ReturnUrl(reference);

        var payment = await app.Adyen.PaymentsAsync(CheckoutContractTests.KakaoPay(reference, returnUrl), "pay:" + reference);
        Assert.True(payment.Action!.IsPostRedirect);
        Assert.NotEmpty(payment.Action.Data!);
        var back = await SandboxShopper.PayAsync(browser, payment.Action, "approve");
        Assert.Equal("POST", back.Method);
        Assert.Equal(returnUrl, back.Url);
        var details = await app.Adyen.PaymentDetailsAsync(PaymentDetailsRequest.ForRedirectResult(back.RedirectResult), "details:" + reference);

        Assert.Equal(PaymentResultCode.Authorised, details.ResultCode);
        Assert.Equal(reference, details.MerchantReference);
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.ToArray());
    }
}
