namespace Storefront.Payments.Adyen;

/// <summary>
/// <c>POST /paymentMethods</c>. Ask with the cart's country, currency and exact amount
/// (F16, docs/payment-failure-modes.md).
/// </summary>
public sealed record PaymentMethodsRequest
{
    /// <summary>Filled from <c>Adyen:MerchantAccount</c> when left empty.</summary>
    public string? MerchantAccount { get; init; }

    public string? CountryCode { get; init; }

    public Amount? Amount { get; init; }

    public Channel? Channel { get; init; }

    public string? ShopperLocale { get; init; }

    /// <summary>Include it to get the shopper's <c>storedPaymentMethods</c>.</summary>
    public string? ShopperReference { get; init; }

    public IReadOnlyList<string>? AllowedPaymentMethods { get; init; }

    public IReadOnlyList<string>? BlockedPaymentMethods { get; init; }
}

public sealed record PaymentMethodsResponse
{
    public IReadOnlyList<PaymentMethod> PaymentMethods { get; init; } = [];

    public IReadOnlyList<StoredPaymentMethod> StoredPaymentMethods { get; init; } = [];
}

public sealed record PaymentMethod
{
    /// <summary>The type code to send back in <c>paymentMethod.type</c>, e.g. <c>kakaopay</c>.</summary>
    public string Type { get; init; } = "";

    public string? Name { get; init; }

    public string? Brand { get; init; }

    public IReadOnlyList<string>? Brands { get; init; }
}

/// <summary>A token offered for this shopper in <c>/paymentMethods</c>.</summary>
public sealed record StoredPaymentMethod
{
    /// <summary>The token: send it as <c>paymentMethod.storedPaymentMethodId</c>.</summary>
    public string Id { get; init; } = "";

    public string? Type { get; init; }

    public string? Name { get; init; }

    public string? Brand { get; init; }

    public string? Label { get; init; }

    public IReadOnlyList<string>? SupportedShopperInteractions { get; init; }

    public IReadOnlyList<string>? SupportedRecurringProcessingModels { get; init; }
}
