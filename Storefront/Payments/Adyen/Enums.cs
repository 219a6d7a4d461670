using System.Text.Json.Serialization;

namespace Storefront.Payments.Adyen;

[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
public enum Channel
{
    Web,
    [JsonStringEnumMemberName("iOS")]
    IOS,
    Android,
}

[JsonConverter(typeof(JsonStringEnumConverter<ShopperInteraction>))]
public enum ShopperInteraction
{
    /// <summary>The shopper is present (the first payment, which may also create a token).</summary>
    Ecommerce,

    /// <summary>A payment with a stored token.</summary>
    ContAuth,
    Moto,
    [JsonStringEnumMemberName("POS")]
    Pos,
}

[JsonConverter(typeof(JsonStringEnumConverter<RecurringProcessingModel>))]
public enum RecurringProcessingModel
{
    CardOnFile,
    Subscription,
    UnscheduledCardOnFile,
}

[JsonConverter(typeof(JsonStringEnumConverter<MerchantRefundReason>))]
public enum MerchantRefundReason
{
    [JsonStringEnumMemberName("FRAUD")]
    Fraud,
    [JsonStringEnumMemberName("CUSTOMER REQUEST")]
    CustomerRequest,
    [JsonStringEnumMemberName("RETURN")]
    Return,
    [JsonStringEnumMemberName("DUPLICATE")]
    Duplicate,
    [JsonStringEnumMemberName("OTHER")]
    Other,
}
