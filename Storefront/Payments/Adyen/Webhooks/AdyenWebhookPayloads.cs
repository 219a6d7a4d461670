using System.Text.Json.Serialization;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// A standard webhook body: <c>{"live":"false","notificationItems":[{"NotificationRequestItem":{…}}]}</c>.
/// <c>live</c> and <c>success</c> are the strings "true"/"false" on the wire.
/// </summary>
public sealed record NotificationRequest
{
    public string? Live { get; init; }

    public IReadOnlyList<NotificationItemContainer>? NotificationItems { get; init; }
}

public sealed record NotificationItemContainer
{
    [JsonPropertyName("NotificationRequestItem")]
    public NotificationRequestItem? Item { get; init; }
}

public sealed record NotificationRequestItem
{
    public IReadOnlyDictionary<string, string>? AdditionalData { get; init; }

    public Amount? Amount { get; init; }

    public string? EventCode { get; init; }

    public string? EventDate { get; init; }

    public string? MerchantAccountCode { get; init; }

    public string? MerchantReference { get; init; }

    public string? OriginalReference { get; init; }

    /// <summary>On RECURRING_CONTRACT: the pspReference of the payment that created the token.</summary>
    public string? OriginalPsp { get; init; }

    public string? PaymentMethod { get; init; }

    public string? PspReference { get; init; }

    public string? Reason { get; init; }

    public string? Success { get; init; }

    [JsonIgnore]
    public bool IsSuccess => string.Equals(Success, "true", StringComparison.OrdinalIgnoreCase);

    [JsonIgnore]
    public string? HmacSignature => AdditionalData?.GetValueOrDefault("hmacSignature");
}

/// <summary>A tokenization webhook (<c>recurring.token.created</c> …); its HMAC is over the raw body, in a header.</summary>
public sealed record TokenizationNotification
{
    public string? CreatedAt { get; init; }

    public TokenizationNotificationData? Data { get; init; }

    /// <summary><c>test</c> or <c>live</c>.</summary>
    public string? Environment { get; init; }

    public string? EventId { get; init; }

    public string? Type { get; init; }

    public string? Version { get; init; }
}

public sealed record TokenizationNotificationData
{
    public string? MerchantAccount { get; init; }

    public string? ShopperReference { get; init; }

    public string? StoredPaymentMethodId { get; init; }

    /// <summary>The payment method variant, e.g. <c>kakaopay</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>created</c>, <c>updated</c> or <c>alreadyExisting</c>; absent on <c>disabled</c>.</summary>
    public string? Operation { get; init; }
}
