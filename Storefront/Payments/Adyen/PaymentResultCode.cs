using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Payments.Adyen;

/// <summary>
/// Adyen's <c>resultCode</c>. Adyen adds values over time, so a value this build does not know reads as
/// <see cref="Unknown"/> instead of failing the whole response: treat it like <see cref="Pending"/>.
/// </summary>
[JsonConverter(typeof(PaymentResultCodeConverter))]
public enum PaymentResultCode
{
    Unknown,
    AuthenticationFinished,
    AuthenticationNotRequired,
    Authorised,
    Cancelled,
    ChallengeShopper,
    Error,
    IdentifyShopper,
    PartiallyAuthorised,
    Pending,
    PresentToShopper,
    Received,
    RedirectShopper,
    Refused,
    Success,
}

internal sealed class PaymentResultCodeConverter : JsonConverter<PaymentResultCode>
{
    public override PaymentResultCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && Enum.TryParse<PaymentResultCode>(reader.GetString(), ignoreCase: true, out var code)
        && Enum.IsDefined(code)
        && !int.TryParse(reader.GetString(), out _)
            ? code
            : PaymentResultCode.Unknown;

    public override void Write(Utf8JsonWriter writer, PaymentResultCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
