namespace Storefront.Payments.Adyen;

/// <summary><c>POST /payments/{pspReference}/refunds</c>. Partial refunds are allowed; the outcome comes by webhook.</summary>
public sealed record PaymentRefundRequest
{
    public required Amount Amount { get; init; }

    /// <summary>Filled from <c>Adyen:MerchantAccount</c> when left empty.</summary>
    public string? MerchantAccount { get; init; }

    /// <summary>
    /// Our reference for this refund, to match the REFUND webhook (F11, docs/payment-failure-modes.md).
    /// </summary>
    public string? Reference { get; init; }

    public MerchantRefundReason? MerchantRefundReason { get; init; }
}

/// <summary><c>POST /payments/{pspReference}/cancels</c> (before capture; KakaoPay captures at once, so prefer a refund).</summary>
public sealed record PaymentCancelRequest
{
    public string? MerchantAccount { get; init; }

    public string? Reference { get; init; }
}

/// <summary><c>POST /payments/{pspReference}/reversals</c>: cancel, or refund in full if already captured.</summary>
public sealed record PaymentReversalRequest
{
    public string? MerchantAccount { get; init; }

    public string? Reference { get; init; }
}

/// <summary>
/// The 201 answer to a refund, cancel or reversal. <see cref="Status"/> is always <c>received</c>: not success.
/// The outcome arrives by webhook (F21, docs/payment-failure-modes.md).
/// </summary>
public sealed record ModificationResponse
{
    /// <summary>The modification's own pspReference (the webhook's <c>pspReference</c>).</summary>
    public string PspReference { get; init; } = "";

    /// <summary>The payment it modifies (the webhook's <c>originalReference</c>).</summary>
    public string? PaymentPspReference { get; init; }

    public string? MerchantAccount { get; init; }

    public string? Reference { get; init; }

    public string Status { get; init; } = "";

    public Amount? Amount { get; init; }
}
