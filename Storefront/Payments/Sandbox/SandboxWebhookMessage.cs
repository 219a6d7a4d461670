using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// One event as Adyen would post it, serialised and signed once so that every retry sends the very same bytes.
/// Standard: <c>{"live":"false","notificationItems":[{"NotificationRequestItem":{…}}]}</c>, one item, its HMAC in
/// <c>additionalData.hmacSignature</c>. Tokenization: the <c>recurring.token.*</c> body, its HMAC over those bytes
/// in the <c>HmacSignature</c> header.
/// </summary>
internal sealed record SandboxWebhookMessage(SandboxEvent Event, byte[] Body, string? HmacSignatureHeader, bool Signed)
{
    public const string HmacSignatureHeaderName = "HmacSignature";

    /// <summary>Plain UTF-8 like Adyen's bodies: "+09:00", not "\u002B09:00"; Korean references as they are.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Signs with the primary key (the first one); unsigned when no key is configured.</summary>
    public static SandboxWebhookMessage Create(SandboxEvent sandboxEvent, AdyenOptions adyen) =>
        sandboxEvent.IsTokenization
            ? Tokenization(sandboxEvent, adyen.TokenizationHmacKeys.FirstOrDefault(k => k.Length > 0))
            : Standard(sandboxEvent, adyen.HmacKeys.FirstOrDefault(k => k.Length > 0));

    private static SandboxWebhookMessage Standard(SandboxEvent e, string? hmacKey)
    {
        var item = new NotificationRequestItem
        {
            Amount = e.Amount is { } amount ? Amount.From(amount) : null,
            EventCode = e.EventCode,
            EventDate = Timestamp(e.EventDate),
            MerchantAccountCode = e.MerchantAccount,
            MerchantReference = e.MerchantReference ?? "",
            OriginalReference = e.OriginalReference,
            OriginalPsp = e.EventCode == SandboxEventCodes.RecurringContract ? e.OriginalReference : null,
            PaymentMethod = e.PaymentMethod,
            PspReference = e.PspReference,
            Reason = e.Reason ?? "",
            Success = e.Success ? "true" : "false",
        };
        var additionalData = AdditionalData(e);
        if (hmacKey is not null)
            additionalData["hmacSignature"] = AdyenHmac.Sign(item, hmacKey);
        var body = new NotificationRequest
        {
            Live = "false",
            NotificationItems = [new NotificationItemContainer { Item = item with { AdditionalData = additionalData.Count > 0 ? additionalData : null } }],
        };
        return new SandboxWebhookMessage(e, JsonSerializer.SerializeToUtf8Bytes(body, Json), null, hmacKey is not null);
    }

    private static Dictionary<string, string> AdditionalData(SandboxEvent e)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (e.EventCode)
        {
            case SandboxEventCodes.Authorisation when e.ShopperReference is { } shopper:
                data["shopperReference"] = shopper;
                break;
            case SandboxEventCodes.RecurringContract:
                data["shopperReference"] = e.ShopperReference!;
                data["recurring.shopperReference"] = e.ShopperReference!;
                data["recurring.recurringDetailReference"] = e.PspReference;
                break;
            case SandboxEventCodes.CancelOrRefund when e.ModificationAction is { } action:
                data["modification.action"] = action;
                break;
        }
        return data;
    }

    private static SandboxWebhookMessage Tokenization(SandboxEvent e, string? hmacKey)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new TokenizationNotification
        {
            CreatedAt = Timestamp(e.EventDate),
            Data = new TokenizationNotificationData
            {
                MerchantAccount = e.MerchantAccount,
                ShopperReference = e.ShopperReference,
                StoredPaymentMethodId = e.PspReference,
                Type = e.PaymentMethod,
                Operation = e.EventCode == SandboxEventCodes.TokenCreated ? "created" : null,
            },
            Environment = "test",
            EventId = e.EventId ?? e.PspReference,
            Type = e.EventCode,
        }, Json);
        return new SandboxWebhookMessage(e, body, hmacKey is null ? null : AdyenHmac.Sign(body, hmacKey), hmacKey is not null);
    }

    /// <summary>ISO 8601 with the offset, as Adyen writes it: 2025-03-01T10:15:30+09:00.</summary>
    private static string Timestamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
