namespace Storefront.Payments.Adyen;

/// <summary>
/// The Adyen Checkout API v71 calls the store makes: the one seam between the store and Adyen, so Adyen's
/// official library could replace <see cref="AdyenCheckoutClient"/> later. Every method throws
/// <see cref="AdyenRequestRejectedException"/> (4xx), <see cref="AdyenRequestInProgressException"/> (704) or
/// <see cref="AdyenUnavailableException"/> (unreachable, timed out or 5xx after the safe retries).
/// </summary>
/// <remarks>
/// Idempotency keys (max 64 characters): store one per logical operation (e.g. <c>pay:{attemptId}</c>,
/// <c>refund:{refundId}</c>) and send the same key again when repeating it (F19, docs/payment-failure-modes.md). A POST
/// without a key is never retried automatically, because Adyen could then execute it twice.
/// </remarks>
public interface IAdyenCheckout
{
    /// <summary><c>POST /paymentMethods</c>; retried safely under a key of its own.</summary>
    Task<PaymentMethodsResponse> PaymentMethodsAsync(PaymentMethodsRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>POST /payments</c>: a redirect action for KakaoPay, or a final result for a token payment.</summary>
    Task<PaymentResponse> PaymentsAsync(PaymentRequest request, string? idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary><c>POST /payments/details</c> with the returnUrl's <c>redirectResult</c>: the payment's result and pspReference.</summary>
    Task<PaymentDetailsResponse> PaymentDetailsAsync(PaymentDetailsRequest request, string? idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary><c>GET /storedPaymentMethods</c> for a shopperReference.</summary>
    Task<ListStoredPaymentMethodsResponse> ListStoredPaymentMethodsAsync(string shopperReference, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /storedPaymentMethods/{id}</c> (204). Adyen then sends <c>recurring.token.disabled</c>.</summary>
    Task DeleteStoredPaymentMethodAsync(string storedPaymentMethodId, string shopperReference, CancellationToken cancellationToken = default);

    /// <summary><c>POST /payments/{pspReference}/refunds</c> (201 received; the outcome comes by webhook).</summary>
    Task<ModificationResponse> RefundAsync(string paymentPspReference, PaymentRefundRequest request, string? idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary><c>POST /payments/{pspReference}/cancels</c> (201 received; the outcome comes by webhook).</summary>
    Task<ModificationResponse> CancelAsync(string paymentPspReference, PaymentCancelRequest request, string? idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary><c>POST /payments/{pspReference}/reversals</c> (201 received; the outcome comes by webhook).</summary>
    Task<ModificationResponse> ReversalAsync(string paymentPspReference, PaymentReversalRequest request, string? idempotencyKey, CancellationToken cancellationToken = default);
}
