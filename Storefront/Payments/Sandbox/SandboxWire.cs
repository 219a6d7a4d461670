using System.Text.Json;
using System.Text.Json.Serialization;
using Storefront.Payments.Adyen;
using Storefront.Shared;

namespace Storefront.Payments.Sandbox;

// The sandbox's own view of Adyen's JSON, kept apart from Payments/Adyen's records on purpose: the contract tests
// check both sides against Adyen's OpenAPI file, which they could not do if one side merely echoed the other.

internal static class SandboxJson
{
    /// <summary>Strict like Adyen: numbers must be numbers; fields the sandbox does not use are ignored.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>A payment method the sandbox offers, and where.</summary>
internal sealed record SandboxMethod(string Type, string Name, string CountryCode, string Currency)
{
    public static readonly IReadOnlyList<SandboxMethod> All =
    [
        new(PaymentMethodTypes.KakaoPay, "KakaoPay", "KR", "KRW"),
        new(PaymentMethodTypes.Ideal, "iDEAL", "NL", "EUR"),
    ];

    public static SandboxMethod? Find(string? type) => All.FirstOrDefault(m => m.Type == type);

    public bool IsOfferedIn(string? countryCode, string? currency) => countryCode == CountryCode && currency == Currency;
}

internal sealed record WireAmount(string? Currency, long? Value)
{
    public static WireAmount From(Money money) => new(money.Currency, money.MinorUnits);
}

internal sealed record WirePaymentMethodsRequest(
    string? MerchantAccount, string? CountryCode, WireAmount? Amount, string? ShopperReference,
    string[]? AllowedPaymentMethods, string[]? BlockedPaymentMethods);

internal sealed record WirePaymentMethodDetails(string? Type, string? StoredPaymentMethodId);

internal sealed record WirePaymentRequest(
    string? MerchantAccount, WireAmount? Amount, string? Reference, WirePaymentMethodDetails? PaymentMethod, string? ReturnUrl,
    string? CountryCode, string? ShopperReference, bool? StorePaymentMethod, string? RecurringProcessingModel,
    string? ShopperInteraction);

internal sealed record WireDetailsRequest(WireCompletionDetails? Details);

internal sealed record WireCompletionDetails(string? RedirectResult, string? Payload);

internal sealed record WireModificationRequest(string? MerchantAccount, WireAmount? Amount, string? Reference);

internal sealed record WireServiceError(int Status, string ErrorCode, string Message, string ErrorType, string? PspReference = null);

internal sealed record WirePaymentMethodsResponse(IReadOnlyList<WireOfferedMethod> PaymentMethods, IReadOnlyList<WireStoredMethod>? StoredPaymentMethods);

internal sealed record WireOfferedMethod(string Type, string Name);

internal sealed record WireStoredMethod(
    string Id, string Type, string Name, IReadOnlyList<string> SupportedShopperInteractions, IReadOnlyList<string> SupportedRecurringProcessingModels);

internal sealed record WireRedirectAction(string Type, string PaymentMethodType, string Method, string Url, IReadOnlyDictionary<string, string>? Data);

internal sealed record WireResponseMethod(string Type);

internal sealed record WirePaymentResponse(
    string ResultCode,
    WireRedirectAction? Action = null,
    string? PspReference = null,
    string? MerchantReference = null,
    WireAmount? Amount = null,
    WireResponseMethod? PaymentMethod = null,
    string? RefusalReason = null,
    string? RefusalReasonCode = null);

internal sealed record WireStoredResource(
    string Id, string Type, string Name, string ShopperReference, IReadOnlyList<string> SupportedRecurringProcessingModels);

internal sealed record WireListStoredResponse(string MerchantAccount, string ShopperReference, IReadOnlyList<WireStoredResource> StoredPaymentMethods);

internal sealed record WireModificationResponse(
    string MerchantAccount, string PaymentPspReference, string PspReference, string? Reference, string Status, WireAmount? Amount);
