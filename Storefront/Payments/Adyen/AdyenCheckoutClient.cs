using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Storefront.Payments.Adyen;

/// <summary>
/// <see cref="IAdyenCheckout"/> over a typed <see cref="HttpClient"/>; retries, timeouts and the circuit breaker
/// come from the resilience handler set up in <see cref="AdyenRegistration"/>.
/// </summary>
internal sealed partial class AdyenCheckoutClient(
    HttpClient http,
    AdyenCheckoutEndpoint endpoint,
    IOptions<AdyenOptions> options,
    TimeProvider timeProvider,
    ILogger<AdyenCheckoutClient> logger) : IAdyenCheckout
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const int MaxIdempotencyKeyLength = 64;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private string MerchantAccount => options.Value.MerchantAccount ?? "";

    public async Task<PaymentMethodsResponse> PaymentMethodsAsync(PaymentMethodsRequest request, CancellationToken cancellationToken = default)
    {
        // Listing methods has no effect at Adyen, so a fresh key per call makes the automatic retries safe.
        var response = await SendAsync<PaymentMethodsResponse>(
            "paymentMethods", HttpMethod.Post, "/paymentMethods",
            request with { MerchantAccount = request.MerchantAccount ?? MerchantAccount },
            Guid.NewGuid().ToString(), cancellationToken);
        if (response.PaymentMethods.Count == 0)
            LogNoPaymentMethods(logger, request.CountryCode, request.Amount?.Currency);
        return response;
    }

    public Task<PaymentResponse> PaymentsAsync(PaymentRequest request, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<PaymentResponse>(
            "payments", HttpMethod.Post, "/payments",
            request with { MerchantAccount = request.MerchantAccount ?? MerchantAccount },
            idempotencyKey, cancellationToken);

    public Task<PaymentDetailsResponse> PaymentDetailsAsync(PaymentDetailsRequest request, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<PaymentDetailsResponse>("payments/details", HttpMethod.Post, "/payments/details", request, idempotencyKey, cancellationToken);

    public Task<ListStoredPaymentMethodsResponse> ListStoredPaymentMethodsAsync(string shopperReference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(shopperReference);
        return SendAsync<ListStoredPaymentMethodsResponse>(
            "storedPaymentMethods", HttpMethod.Get, "/storedPaymentMethods" + ShopperQuery(shopperReference),
            body: null, idempotencyKey: null, cancellationToken);
    }

    public Task DeleteStoredPaymentMethodAsync(string storedPaymentMethodId, string shopperReference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storedPaymentMethodId);
        ArgumentException.ThrowIfNullOrEmpty(shopperReference);
        return SendAsync<object>(
            "storedPaymentMethods/delete", HttpMethod.Delete,
            $"/storedPaymentMethods/{Uri.EscapeDataString(storedPaymentMethodId)}{ShopperQuery(shopperReference)}",
            body: null, idempotencyKey: null, cancellationToken);
    }

    public Task<ModificationResponse> RefundAsync(string paymentPspReference, PaymentRefundRequest request, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<ModificationResponse>(
            "refunds", HttpMethod.Post, ModificationPath(paymentPspReference, "refunds"),
            request with { MerchantAccount = request.MerchantAccount ?? MerchantAccount }, idempotencyKey, cancellationToken);

    public Task<ModificationResponse> CancelAsync(string paymentPspReference, PaymentCancelRequest request, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<ModificationResponse>(
            "cancels", HttpMethod.Post, ModificationPath(paymentPspReference, "cancels"),
            request with { MerchantAccount = request.MerchantAccount ?? MerchantAccount }, idempotencyKey, cancellationToken);

    public Task<ModificationResponse> ReversalAsync(string paymentPspReference, PaymentReversalRequest request, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<ModificationResponse>(
            "reversals", HttpMethod.Post, ModificationPath(paymentPspReference, "reversals"),
            request with { MerchantAccount = request.MerchantAccount ?? MerchantAccount }, idempotencyKey, cancellationToken);

    private string ShopperQuery(string shopperReference) =>
        $"?shopperReference={Uri.EscapeDataString(shopperReference)}&merchantAccount={Uri.EscapeDataString(MerchantAccount)}";

    private static string ModificationPath(string paymentPspReference, string modification)
    {
        ArgumentException.ThrowIfNullOrEmpty(paymentPspReference);
        return $"/payments/{Uri.EscapeDataString(paymentPspReference)}/{modification}";
    }

    private async Task<T> SendAsync<T>(
        string operation, HttpMethod method, string pathAndQuery, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl)))
            throw new ArgumentException($"An Adyen idempotency key has 1 to {MaxIdempotencyKeyLength} printable characters.", nameof(idempotencyKey));

        using var request = new HttpRequestMessage(method, endpoint.For(pathAndQuery));
        request.Headers.Add("X-API-Key", options.Value.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (idempotencyKey is not null)
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        if (body is not null)
        {
            // Bytes, not a streamed JsonContent: a retry sends the very same body again.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        var started = timeProvider.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException)
        {
            LogUnavailable(logger, operation, Elapsed(started), ex.GetType().Name);
            throw new AdyenUnavailableException(operation, Reason(ex), innerException: ex);
        }

        using (response)
        {
            var pspReferenceHeader = response.Headers.TryGetValues("pspReference", out var values) ? values.FirstOrDefault() : null;
            if (response.IsSuccessStatusCode)
            {
                var result = response.StatusCode == HttpStatusCode.NoContent
                    ? default
                    : await ReadAsync<T>(operation, response, cancellationToken);
                LogAnswered(logger, operation, (int)response.StatusCode, Elapsed(started), PspReferenceOf(result) ?? pspReferenceHeader);
                return result!;
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            LogFailed(logger, operation, (int)response.StatusCode, error?.ErrorCode, Elapsed(started), error?.PspReference ?? pspReferenceHeader);
            throw MapError(operation, response, error);
        }
    }

    private static AdyenException MapError(string operation, HttpResponseMessage response, ServiceError? error)
    {
        var status = response.StatusCode;
        if ((status is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity) && error?.ErrorCode == "704")
        {
            var transient = response.Headers.TryGetValues("transient-error", out var flags)
                && flags.Any(f => string.Equals(f, "true", StringComparison.OrdinalIgnoreCase));
            return new AdyenRequestInProgressException(operation, status, error, transient);
        }
        if ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            return new AdyenUnavailableException(operation, $"it answered {(int)status} {error?.ErrorCode}".TrimEnd(), status, error);
        return new AdyenRequestRejectedException(operation, status, error);
    }

    private static async Task<T> ReadAsync<T>(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new JsonException("The body is empty.");
        }
        catch (JsonException ex)
        {
            throw new AdyenException(operation, $"Adyen answered {operation} with a body that is not the expected JSON.", response.StatusCode, innerException: ex);
        }
    }

    private static async Task<ServiceError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ServiceError>(Json, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Proxies and load balancers answer errors in HTML or plain text.
            return null;
        }
    }

    private static string? PspReferenceOf<T>(T result) => result switch
    {
        PaymentOutcome r => r.PspReference,
        ModificationResponse r => r.PspReference,
        _ => null,
    };

    private static string Reason(Exception ex) => ex switch
    {
        TimeoutRejectedException or OperationCanceledException => "it did not answer in time",
        BrokenCircuitException => "too many recent failures, calls are paused",
        _ => "it could not be reached",
    };

    private long Elapsed(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Adyen {Operation} answered {StatusCode} in {ElapsedMilliseconds} ms (pspReference {PspReference})")]
    private static partial void LogAnswered(ILogger logger, string operation, int statusCode, long elapsedMilliseconds, string? pspReference);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Adyen {Operation} answered {StatusCode} errorCode {ErrorCode} in {ElapsedMilliseconds} ms (pspReference {PspReference})")]
    private static partial void LogFailed(ILogger logger, string operation, int statusCode, string? errorCode, long elapsedMilliseconds, string? pspReference);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error,
        Message = "Adyen {Operation} unavailable after {ElapsedMilliseconds} ms: {Failure}")]
    private static partial void LogUnavailable(ILogger logger, string operation, long elapsedMilliseconds, string failure);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information,
        Message = "Adyen offered no payment methods for country {CountryCode} and currency {Currency}")]
    private static partial void LogNoPaymentMethods(ILogger logger, string? countryCode, string? currency);
}
