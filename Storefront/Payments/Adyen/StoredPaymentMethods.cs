namespace Storefront.Payments.Adyen;

/// <summary><c>GET /storedPaymentMethods</c>: the tokens Adyen holds for one shopperReference.</summary>
public sealed record ListStoredPaymentMethodsResponse
{
    public string? MerchantAccount { get; init; }

    public string? ShopperReference { get; init; }

    public IReadOnlyList<StoredPaymentMethodResource> StoredPaymentMethods { get; init; } = [];
}

public sealed record StoredPaymentMethodResource
{
    public string Id { get; init; } = "";

    public string? Type { get; init; }

    public string? Name { get; init; }

    public string? Brand { get; init; }

    public string? ShopperReference { get; init; }

    public IReadOnlyList<string>? SupportedRecurringProcessingModels { get; init; }
}
