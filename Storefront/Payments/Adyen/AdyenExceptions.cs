using System.Net;

namespace Storefront.Payments.Adyen;

/// <summary>Adyen's error body (<c>ServiceError</c>) for 4xx and 5xx answers.</summary>
public sealed record ServiceError
{
    public int? Status { get; init; }

    /// <summary>A string, e.g. <c>14_030</c> or <c>704</c>.</summary>
    public string? ErrorCode { get; init; }

    public string? Message { get; init; }

    /// <summary><c>validation</c>, <c>security</c>, <c>configuration</c>, …</summary>
    public string? ErrorType { get; init; }

    public string? PspReference { get; init; }
}

/// <summary>A call to Adyen did not give the answer it should. Messages hold no request data.</summary>
public class AdyenException(string operation, string message, HttpStatusCode? statusCode = null, ServiceError? error = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The Checkout operation, e.g. <c>payments</c>.</summary>
    public string Operation { get; } = operation;

    public HttpStatusCode? StatusCode { get; } = statusCode;

    public ServiceError? Error { get; } = error;

    public string? ErrorCode => Error?.ErrorCode;

    public string? PspReference => Error?.PspReference;
}

/// <summary>
/// Adyen refused the request itself (validation, security, configuration: 4xx). Repeating it will not help;
/// fix the request or the configuration.
/// </summary>
public sealed class AdyenRequestRejectedException(string operation, HttpStatusCode statusCode, ServiceError? error)
    : AdyenException(operation, Describe(operation, statusCode, error), statusCode, error)
{
    private static string Describe(string operation, HttpStatusCode statusCode, ServiceError? error) =>
        $"Adyen rejected {operation} with {(int)statusCode} {error?.ErrorType} {error?.ErrorCode}: {error?.Message}".TrimEnd(' ', ':');
}

/// <summary>
/// Adyen answered errorCode 704, "request already processed or in progress", for this idempotency key
/// (F04, docs/payment-failure-modes.md). Not a failure: look up the stored outcome or the webhook, or retry later with
/// the same key.
/// </summary>
public sealed class AdyenRequestInProgressException(string operation, HttpStatusCode statusCode, ServiceError? error, bool transient)
    : AdyenException(operation, $"Adyen is already processing, or has processed, {operation} with this idempotency key (704).", statusCode, error)
{
    /// <summary>Adyen's <c>transient-error: true</c> header: retry later with the same key.</summary>
    public bool IsTransient { get; } = transient;
}

/// <summary>
/// Adyen could not be reached or did not answer in time, even after the safe retries. For a payment: tell the
/// shopper the provider is unavailable and they have not been charged, and retry later with the same key.
/// </summary>
public sealed class AdyenUnavailableException(string operation, string reason, HttpStatusCode? statusCode = null, ServiceError? error = null, Exception? innerException = null)
    : AdyenException(operation, $"Adyen is unavailable for {operation}: {reason}.", statusCode, error, innerException);
