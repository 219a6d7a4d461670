using System.Text.Json.Serialization;

namespace Storefront.Payments.Adyen;

/// <summary>
/// <c>POST /payments</c>. Send an idempotency key stored with the payment attempt (F19, docs/payment-failure-modes.md).
/// </summary>
public sealed record PaymentRequest
{
    /// <summary>In minor units: build it with <see cref="Adyen.Amount.From"/>.</summary>
    public required Amount Amount { get; init; }

    /// <summary>Our unique reference for this attempt (max 80 characters); Adyen echoes it as <c>merchantReference</c>.</summary>
    public required string Reference { get; init; }

    public required PaymentMethodDetails PaymentMethod { get; init; }

    /// <summary>
    /// Where the shopper comes back to. Keep it short: Adyen recommends at most 1024 characters
    /// (F15, docs/payment-failure-modes.md).
    /// </summary>
    public required string ReturnUrl { get; init; }

    /// <summary>Filled from <c>Adyen:MerchantAccount</c> when left empty.</summary>
    public string? MerchantAccount { get; init; }

    public string? CountryCode { get; init; }

    public string? ShopperLocale { get; init; }

    public Channel? Channel { get; init; }

    /// <summary>Our opaque id for the shopper (3–256 characters, no personal data); needed to store or use a token.</summary>
    public string? ShopperReference { get; init; }

    /// <summary>With <see cref="ShopperReference"/>, asks Adyen to create a token (the shopper consents at KakaoPay).</summary>
    public bool? StorePaymentMethod { get; init; }

    /// <summary>Required when creating or using a token.</summary>
    public RecurringProcessingModel? RecurringProcessingModel { get; init; }

    /// <summary><see cref="Adyen.ShopperInteraction.ContAuth"/> for token payments.</summary>
    public ShopperInteraction? ShopperInteraction { get; init; }

    public IReadOnlyList<LineItem>? LineItems { get; init; }

    public string? ShopperEmail { get; init; }

    public string? TelephoneNumber { get; init; }

    public ShopperName? ShopperName { get; init; }

    public Address? BillingAddress { get; init; }

    public DeliveryAddress? DeliveryAddress { get; init; }

    public string? ShopperIP { get; init; }

    /// <summary>The origin of the page that started the payment, e.g. https://shop.example.kr (max 80).</summary>
    public string? Origin { get; init; }

    /// <summary>The order number, shared by every attempt of one order.</summary>
    public string? MerchantOrderReference { get; init; }

    /// <summary>At most 20 entries; keys up to 20 characters, values up to 80.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>
/// <c>paymentMethod</c>: the type alone for a redirect (<c>kakaopay</c>), plus the token for a stored method.
/// Adyen's schema allows no other properties here.
/// </summary>
public sealed record PaymentMethodDetails
{
    public required string Type { get; init; }

    public string? StoredPaymentMethodId { get; init; }
}

/// <summary>One order line; amounts per unit in minor units, <see cref="TaxPercentage"/> in basis points (1000 = 10%).</summary>
public sealed record LineItem
{
    public string? Id { get; init; }

    public string? Description { get; init; }

    public long? Quantity { get; init; }

    public long? AmountExcludingTax { get; init; }

    public long? TaxAmount { get; init; }

    public long? TaxPercentage { get; init; }

    public long? AmountIncludingTax { get; init; }

    public string? ProductUrl { get; init; }

    public string? ImageUrl { get; init; }
}

public sealed record ShopperName(string FirstName, string LastName);

/// <summary>A billing address; all but <see cref="StateOrProvince"/> are required by Adyen.</summary>
public record Address
{
    public required string Street { get; init; }

    public required string HouseNumberOrName { get; init; }

    public required string PostalCode { get; init; }

    public required string City { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string Country { get; init; }

    public string? StateOrProvince { get; init; }
}

/// <summary>Where the goods go: an <see cref="Address"/> with the recipient's name.</summary>
public sealed record DeliveryAddress : Address
{
    public string? FirstName { get; init; }

    public string? LastName { get; init; }
}

/// <summary>What <c>/payments</c> and <c>/payments/details</c> both answer about the payment.</summary>
public abstract record PaymentOutcome
{
    public PaymentResultCode ResultCode { get; init; }

    /// <summary>Absent from <c>/payments</c> for redirects: Adyen gives it in the <c>/payments/details</c> response.</summary>
    public string? PspReference { get; init; }

    public string? MerchantReference { get; init; }

    public Amount? Amount { get; init; }

    public string? RefusalReason { get; init; }

    public string? RefusalReasonCode { get; init; }

    public IReadOnlyDictionary<string, string>? AdditionalData { get; init; }

    public ResponsePaymentMethod? PaymentMethod { get; init; }
}

public sealed record PaymentResponse : PaymentOutcome
{
    /// <summary>What the shopper must do next; a <c>redirect</c> for KakaoPay.</summary>
    public CheckoutAction? Action { get; init; }
}

/// <summary>
/// The <c>action</c> of a payment response. For <c>redirect</c>: with <see cref="Method"/> GET, send the shopper
/// to <see cref="Url"/>; with POST, render a form that posts every <see cref="Data"/> entry to <see cref="Url"/>.
/// </summary>
public sealed record CheckoutAction
{
    public string Type { get; init; } = "";

    public string? Method { get; init; }

    public string? Url { get; init; }

    public IReadOnlyDictionary<string, string>? Data { get; init; }

    public string? PaymentMethodType { get; init; }

    [JsonIgnore]
    public bool IsPostRedirect => string.Equals(Method, "POST", StringComparison.OrdinalIgnoreCase);
}

public sealed record ResponsePaymentMethod
{
    public string? Type { get; init; }

    public string? Brand { get; init; }
}
