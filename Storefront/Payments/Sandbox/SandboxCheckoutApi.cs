using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Storefront.Payments.Adyen;
using Storefront.Shared;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// The Checkout v71 endpoints the store calls, answering like Adyen. Error codes are Adyen's where we know them
/// (000, 100, 130, 137, 138, 14_030, 702, 704, 800, 901, 905); checks of the sandbox's own say <c>sandbox_*</c>.
/// </summary>
internal static class SandboxCheckoutApi
{
    private const int MaxReturnUrlLength = 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(AdyenOptions.SandboxCheckoutPath)
            .DisableAntiforgery()
            .AddEndpointFilter(AuthenticateThenDelay);
        api.MapPost("/paymentMethods", PaymentMethodsAsync);
        api.MapPost("/payments", PaymentsAsync);
        api.MapPost("/payments/details", PaymentDetailsAsync);
        api.MapGet("/storedPaymentMethods", ListStoredPaymentMethods);
        api.MapDelete("/storedPaymentMethods/{storedPaymentMethodId}", DeleteStoredPaymentMethod);
        api.MapPost("/payments/{paymentPspReference}/refunds",
            (HttpContext context, string paymentPspReference, AdyenSandbox sandbox) =>
                ModifyAsync(context, paymentPspReference, sandbox, SandboxEventCodes.Refund, amountRequired: true));
        api.MapPost("/payments/{paymentPspReference}/cancels",
            (HttpContext context, string paymentPspReference, AdyenSandbox sandbox) =>
                ModifyAsync(context, paymentPspReference, sandbox, SandboxEventCodes.Cancellation, amountRequired: false));
        api.MapPost("/payments/{paymentPspReference}/reversals",
            (HttpContext context, string paymentPspReference, AdyenSandbox sandbox) =>
                ModifyAsync(context, paymentPspReference, sandbox, SandboxEventCodes.CancelOrRefund, amountRequired: false));
    }

    /// <summary>Checks X-API-Key like Adyen; after the work is done, holds the answer back by the configured delay.</summary>
    private static async ValueTask<object?> AuthenticateThenDelay(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var expected = context.RequestServices.GetRequiredService<IOptionsMonitor<AdyenOptions>>().CurrentValue.ApiKey ?? "";
        var given = context.Request.Headers["X-API-Key"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)) || given.Length == 0)
            return new ReplyResult(Error(401, "000", "HTTP Status Response - Unauthorized", "security"));

        var result = await next(invocation);
        var delay = context.RequestServices.GetRequiredService<IOptionsMonitor<SandboxOptions>>().CurrentValue.ResponseDelay;
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestServices.GetRequiredService<TimeProvider>(), context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The caller gave up waiting; the work is done and stays done, as at Adyen.
                return Results.Empty;
            }
        }
        return result;
    }

    private static async Task<IResult> PaymentMethodsAsync(HttpContext context, AdyenSandbox sandbox, IOptionsMonitor<SandboxOptions> settings)
    {
        var disabled = settings.CurrentValue.DisabledMethods;
        var (request, failure) = await ReadAsync<WirePaymentMethodsRequest>(context, "PaymentMethodsRequest");
        if (request is null)
            return new ReplyResult(failure!);
        if (CheckMerchantAccount(context, request.MerchantAccount) is { } refused)
            return new ReplyResult(refused);

        return Idempotent(context, sandbox, () =>
        {
            var offered = SandboxMethod.All
                .Where(m => m.IsOfferedIn(request.CountryCode, request.Amount?.Currency) && request.Amount?.Value > 0)
                .Where(m => request.AllowedPaymentMethods is not { Length: > 0 } allowed || allowed.Contains(m.Type))
                .Where(m => request.BlockedPaymentMethods?.Contains(m.Type) != true)
                .Where(m => !disabled.Contains(m.Type))
                .ToArray();
            var stored = request.ShopperReference is { } shopper
                ? sandbox.TokensOf(shopper)
                    .Where(t => offered.Any(m => m.Type == t.Type))
                    .Select(t => new WireStoredMethod(t.Id, t.Type, t.Name, ["ContAuth"], ["CardOnFile", "Subscription", "UnscheduledCardOnFile"]))
                    .ToArray()
                : [];
            return Json(200, new WirePaymentMethodsResponse(
                offered.Select(m => new WireOfferedMethod(m.Type, m.Name)).ToArray(),
                stored.Length > 0 ? stored : null));
        });
    }

    private static async Task<IResult> PaymentsAsync(HttpContext context, AdyenSandbox sandbox, IOptionsMonitor<SandboxOptions> settings)
    {
        var options = settings.CurrentValue;
        if (options.PaymentsErrorStatus is { } forced)
        {
            return new ReplyResult(Error(
                forced, options.PaymentsErrorCode is { Length: > 0 } code ? code : "sandbox_forced",
                "Forced by Adyen:Sandbox:PaymentsErrorStatus.", forced < 500 ? "validation" : "internal"));
        }

        var (request, failure) = await ReadAsync<WirePaymentRequest>(context, "PaymentRequest");
        if (request is null)
            return new ReplyResult(failure!);
        if (CheckMerchantAccount(context, request.MerchantAccount) is { } refused)
            return new ReplyResult(refused);
        if (Validate(request, sandbox, options) is { } invalid)
            return new ReplyResult(invalid);

        return Idempotent(context, sandbox, () =>
        {
            var amount = new Money(request.Amount!.Value!.Value, request.Amount.Currency!);
            if (request.PaymentMethod!.StoredPaymentMethodId is { } tokenId)
            {
                var token = sandbox.FindToken(request.ShopperReference!, tokenId)!;
                var payment = sandbox.PayWithToken(
                    request.MerchantAccount!, request.Reference!, amount, token, request.ReturnUrl!, options.RefuseTokenPayments);
                return Json(200, FinalResult(payment));
            }

            var method = SandboxMethod.Find(request.PaymentMethod.Type)!;
            var started = sandbox.StartRedirect(
                request.MerchantAccount!, request.Reference!, amount, method, request.ReturnUrl!, request.ShopperReference,
                request.StorePaymentMethod == true, options.OfferLifetime);
            var approvalUrl = SandboxApprovalPage.Url(context.Request);
            var action = options.RedirectMethod == SandboxHttpMethod.Post
                ? new WireRedirectAction("redirect", method.Type, "POST", approvalUrl,
                    new Dictionary<string, string> { [SandboxApprovalPage.SessionField] = started.SessionId })
                : new WireRedirectAction("redirect", method.Type, "GET",
                    $"{approvalUrl}?{SandboxApprovalPage.SessionField}={Uri.EscapeDataString(started.SessionId)}", null);
            return Json(200, new WirePaymentResponse("RedirectShopper", action));
        });
    }

    private static SandboxReply? Validate(WirePaymentRequest request, AdyenSandbox sandbox, SandboxOptions options)
    {
        if (request.Amount is not { Currency: { } currency, Value: { } value })
            return Error(422, "100", "No amount specified", "validation");
        if (value <= 0)
            return Error(422, "137", "Invalid amount specified", "validation");
        if (string.IsNullOrEmpty(request.Reference))
            return Error(422, "130", "Required field 'reference' is not provided.", "validation");
        if (request.Reference.Length > 80)
            return Error(422, "sandbox_reference_too_long", "Field 'reference' is longer than 80 characters.", "validation");
        if (request.PaymentMethod?.Type is not { Length: > 0 } type)
            return Error(422, "sandbox_required", "Required field 'paymentMethod.type' is not provided.", "validation");
        if (string.IsNullOrEmpty(request.ReturnUrl))
            return Error(422, "14_030", "Return URL is missing.", "validation");
        if (request.ReturnUrl.Length > MaxReturnUrlLength)
            return Error(422, "sandbox_return_url_too_long", $"Field 'returnUrl' is longer than {MaxReturnUrlLength} characters.", "validation");
        if (!Uri.TryCreate(request.ReturnUrl, UriKind.Absolute, out var returnUri) || (returnUri.Scheme != Uri.UriSchemeHttp && returnUri.Scheme != Uri.UriSchemeHttps))
            return Error(422, "sandbox_invalid_return_url", "Field 'returnUrl' is not an absolute http(s) URL.", "validation");
        if (request.ShopperReference is { Length: < 3 or > 256 })
            return Error(422, "sandbox_invalid_shopper_reference", "Field 'shopperReference' must have 3 to 256 characters.", "validation");

        if (SandboxMethod.Find(type) is not { } method)
            return Error(422, "905", $"Payment details are not supported: '{type}' is not offered by this sandbox.", "configuration");
        if (options.DisabledMethods.Contains(method.Type))
            return Error(422, "905", $"Payment details are not supported: {method.Name} is not enabled on this merchant account.", "configuration");
        if (currency != method.Currency)
            return Error(422, "138", $"Unsupported currency specified: {method.Name} takes {method.Currency} only.", "validation");
        if (request.CountryCode is { } country && country != method.CountryCode)
            return Error(422, "905", $"Payment details are not supported: {method.Name} is offered in {method.CountryCode} only.", "configuration");

        if (request.PaymentMethod.StoredPaymentMethodId is { } tokenId)
        {
            if (request.ShopperReference is null)
                return Error(422, "sandbox_required", "Field 'shopperReference' is required to pay with a stored payment method.", "validation");
            if (request.RecurringProcessingModel is null)
                return Error(422, "sandbox_required", "Field 'recurringProcessingModel' is required to pay with a stored payment method.", "validation");
            if (request.ShopperInteraction != "ContAuth")
                return Error(422, "sandbox_invalid_shopper_interaction", "A payment with a stored payment method needs shopperInteraction 'ContAuth'.", "validation");
            if (sandbox.FindToken(request.ShopperReference, tokenId) is not { } token || token.Type != type)
                return Error(422, "800", "Contract not found", "validation");
        }
        else if (request.StorePaymentMethod == true && request.ShopperReference is null)
        {
            return Error(422, "sandbox_required", "Field 'shopperReference' is required to store a payment method.", "validation");
        }
        return null;
    }

    private static async Task<IResult> PaymentDetailsAsync(HttpContext context, AdyenSandbox sandbox)
    {
        var (request, failure) = await ReadAsync<WireDetailsRequest>(context, "PaymentDetailsRequest");
        if (request is null)
            return new ReplyResult(failure!);
        if ((request.Details?.RedirectResult ?? request.Details?.Payload) is not { Length: > 0 } redirectResult)
            return new ReplyResult(Error(422, "sandbox_required", "Required field 'details.redirectResult' is not provided.", "validation"));
        if (sandbox.FindForDetails(redirectResult) is not { } payment)
            return new ReplyResult(Error(422, "sandbox_invalid_redirect_result", "Invalid redirectResult: no payment is waiting for it.", "validation"));
        return Idempotent(context, sandbox, () => Json(200, FinalResult(payment)));
    }

    private static WirePaymentResponse FinalResult(SandboxPayment payment) => new(
        payment.Outcome.ToString(),
        PspReference: payment.PspReference,
        MerchantReference: payment.MerchantReference,
        Amount: WireAmount.From(payment.Amount),
        PaymentMethod: new WireResponseMethod(payment.PaymentMethodType),
        RefusalReason: payment.Outcome == SandboxOutcome.Refused ? "Refused" : null,
        RefusalReasonCode: payment.Outcome == SandboxOutcome.Refused ? "2" : null);

    private static IResult ListStoredPaymentMethods(HttpContext context, AdyenSandbox sandbox, string? shopperReference, string? merchantAccount)
    {
        if (string.IsNullOrEmpty(shopperReference))
            return new ReplyResult(Error(422, "sandbox_required", "Query parameter 'shopperReference' is required.", "validation"));
        if (CheckMerchantAccount(context, merchantAccount) is { } refused)
            return new ReplyResult(refused);
        var tokens = sandbox.TokensOf(shopperReference)
            .Select(t => new WireStoredResource(t.Id, t.Type, t.Name, t.ShopperReference, ["CardOnFile", "Subscription", "UnscheduledCardOnFile"]))
            .ToArray();
        return new ReplyResult(Json(200, new WireListStoredResponse(merchantAccount!, shopperReference, tokens)));
    }

    private static IResult DeleteStoredPaymentMethod(
        HttpContext context, AdyenSandbox sandbox, string storedPaymentMethodId, string? shopperReference, string? merchantAccount)
    {
        if (string.IsNullOrEmpty(shopperReference))
            return new ReplyResult(Error(422, "sandbox_required", "Query parameter 'shopperReference' is required.", "validation"));
        if (CheckMerchantAccount(context, merchantAccount) is { } refused)
            return new ReplyResult(refused);
        return new ReplyResult(sandbox.DeleteToken(merchantAccount!, shopperReference, storedPaymentMethodId)
            ? new SandboxReply(204, null)
            : Error(422, "800", "Contract not found", "validation"));
    }

    private static async Task<IResult> ModifyAsync(
        HttpContext context, string paymentPspReference, AdyenSandbox sandbox, string eventCode, bool amountRequired)
    {
        var (request, failure) = await ReadAsync<WireModificationRequest>(context, "modification request");
        if (request is null)
            return new ReplyResult(failure!);
        if (CheckMerchantAccount(context, request.MerchantAccount) is { } refused)
            return new ReplyResult(refused);
        Money? amount = null;
        if (amountRequired)
        {
            if (request.Amount is not { Currency: { Length: 3 } currency, Value: { } value })
                return new ReplyResult(Error(422, "100", "No amount specified", "validation"));
            if (value <= 0)
                return new ReplyResult(Error(422, "137", "Invalid amount specified", "validation"));
            amount = new Money(value, currency);
        }

        var failRefunds = context.RequestServices.GetRequiredService<IOptionsMonitor<SandboxOptions>>().CurrentValue.FailRefunds;
        return Idempotent(context, sandbox, () =>
        {
            var pspReference = sandbox.Modify(eventCode, paymentPspReference, request.MerchantAccount!, request.Reference, amount, failRefunds);
            return Json(201, new WireModificationResponse(
                request.MerchantAccount!, paymentPspReference, pspReference, request.Reference, "received",
                amount is { } a ? WireAmount.From(a) : null));
        });
    }

    /// <summary>
    /// The same Idempotency-Key gives the stored answer without doing the work again; while the first request
    /// is still running, a repeat gets 422 errorCode 704 with <c>transient-error: true</c>.
    /// </summary>
    private static IResult Idempotent(HttpContext context, AdyenSandbox sandbox, Func<SandboxReply> handle)
    {
        var key = context.Request.Headers[AdyenCheckoutClient.IdempotencyKeyHeader].ToString();
        if (key.Length == 0)
            return new ReplyResult(handle());
        if (key.Length > 64)
            return new ReplyResult(Error(422, "sandbox_invalid_idempotency_key", "Idempotency-Key is longer than 64 characters.", "validation"));

        context.Response.Headers["idempotency-key"] = key;
        if (sandbox.Claim(key, out var claimed) is { } existing)
        {
            if (existing.Reply is { } stored)
                return new ReplyResult(stored);
            context.Response.Headers["transient-error"] = "true";
            return new ReplyResult(Error(422, "704", "request already processed or in progress", "validation"));
        }

        var reply = Error(500, "000", "The sandbox failed to process the request.", "internal");
        try
        {
            reply = handle();
            return new ReplyResult(reply);
        }
        finally
        {
            sandbox.Settle(key, claimed, reply);
        }
    }

    private static SandboxReply? CheckMerchantAccount(HttpContext context, string? merchantAccount)
    {
        if (string.IsNullOrEmpty(merchantAccount))
            return Error(422, "sandbox_required", "Required field 'merchantAccount' is not provided.", "validation");
        var expected = context.RequestServices.GetRequiredService<IOptionsMonitor<AdyenOptions>>().CurrentValue.MerchantAccount;
        return merchantAccount == expected ? null : Error(403, "901", "Invalid Merchant Account", "security");
    }

    private static async Task<(T? Request, SandboxReply? Failure)> ReadAsync<T>(HttpContext context, string what) where T : class
    {
        try
        {
            var request = await context.Request.ReadFromJsonAsync<T>(SandboxJson.Options, context.RequestAborted);
            return request is null ? (null, Error(400, "702", $"Empty {what}.", "validation")) : (request, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, Error(400, "702", $"Structure of {what} cannot be parsed as JSON of the right types.", "validation"));
        }
    }

    private static SandboxReply Json<T>(int status, T body) => new(status, JsonSerializer.SerializeToUtf8Bytes(body, SandboxJson.Options));

    internal static SandboxReply Error(int status, string errorCode, string message, string errorType) =>
        Json(status, new WireServiceError(status, errorCode, message, errorType));

    private sealed class ReplyResult(SandboxReply reply) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = reply.Status;
            if (reply.Body is { } body)
            {
                httpContext.Response.ContentType = "application/json; charset=utf-8";
                await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}
