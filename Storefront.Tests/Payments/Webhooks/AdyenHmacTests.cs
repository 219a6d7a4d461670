using System.Text;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>The test vectors of adyen-kakaopay-api.md section 5: Adyen's own and ours.</summary>
public sealed class AdyenHmacTests
{
    private const string OurKey = "3F6A1C2B9D8E7F60514233A4B5C6D7E8F9011223344556677889900AABBCCDDE";
    private const string PreviousKey = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";

    private static NotificationRequestItem Authorisation(string? signature = null) => new()
    {
        PspReference = "ZX7Q2L4M9B8K3C1D",
        MerchantAccountCode = "ShopKR_Ecom",
        MerchantReference = "ORD-2024-000123",
        Amount = new Amount("KRW", 15000),
        EventCode = "AUTHORISATION",
        Success = "true",
        AdditionalData = signature is null ? null : new Dictionary<string, string> { ["hmacSignature"] = signature },
    };

    [Fact]
    public void Adyens_own_vector()
    {
        var item = new NotificationRequestItem
        {
            PspReference = "pspReference", OriginalReference = "originalReference", MerchantAccountCode = "merchantAccount",
            MerchantReference = "reference", Amount = new Amount("EUR", 1000), EventCode = "EVENT", Success = "true",
        };

        Assert.Equal("pspReference:originalReference:merchantAccount:reference:1000:EUR:EVENT:true", AdyenHmac.SigningString(item));
        Assert.Equal("ipnxGCaUZ4l8TUW75a71/ghd2Fe5ffvX0pV4TLTntIc=", AdyenHmac.Sign(item, "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00"));
    }

    [Fact]
    public void Our_authorisation_vector_has_an_empty_original_reference()
    {
        Assert.Equal("ZX7Q2L4M9B8K3C1D::ShopKR_Ecom:ORD-2024-000123:15000:KRW:AUTHORISATION:true", AdyenHmac.SigningString(Authorisation()));
        Assert.Equal("J7JakGZjZsu/tWqXdFMI+YnEJmhxJAbOVrJmyYMoqcM=", AdyenHmac.Sign(Authorisation(), OurKey));
    }

    [Fact]
    public void Our_refund_vector()
    {
        var refund = new NotificationRequestItem
        {
            PspReference = "RF4T8Y2U6I0O1P3A", OriginalReference = "ZX7Q2L4M9B8K3C1D", MerchantAccountCode = "ShopKR_Ecom",
            MerchantReference = "ORD-2024-000123", Amount = new Amount("KRW", 5000), EventCode = "REFUND", Success = "true",
        };

        Assert.Equal("I47AhA4I/fD0/0WkN+rbvcQ+vKdnfZSYgm7yY4YaLYg=", AdyenHmac.Sign(refund, OurKey));
    }

    [Fact]
    public void Our_tokenization_vector_signs_the_raw_body()
    {
        const string body = """{"createdAt":"2025-03-01T10:15:30+09:00","data":{"merchantAccount":"ShopKR_Ecom","operation":"created","shopperReference":"cust-00042","storedPaymentMethodId":"TK8P3W2Q9R7S5T1V","type":"kakaopay"},"environment":"test","eventId":"ZX7Q2L4M9B8K3C1D","type":"recurring.token.created"}""";

        Assert.Equal("9O2TQJHFMrNmCVEdut5iR56CRRkN8bBJ681pa4OoHUI=", AdyenHmac.Sign(Encoding.UTF8.GetBytes(body), OurKey));
        Assert.True(AdyenHmac.IsValid(Encoding.UTF8.GetBytes(body), "9O2TQJHFMrNmCVEdut5iR56CRRkN8bBJ681pa4OoHUI=", [OurKey]));
        Assert.False(AdyenHmac.IsValid(Encoding.UTF8.GetBytes(body + " "), "9O2TQJHFMrNmCVEdut5iR56CRRkN8bBJ681pa4OoHUI=", [OurKey]));
    }

    [Fact]
    public void The_previous_key_is_accepted_during_rotation()
    {
        var signedWithPrevious = Authorisation(AdyenHmac.Sign(Authorisation(), PreviousKey));

        Assert.True(AdyenHmac.IsValid(signedWithPrevious, [OurKey, PreviousKey]));
        Assert.False(AdyenHmac.IsValid(signedWithPrevious, [OurKey]));
    }

    public static TheoryData<string, Func<NotificationRequestItem, NotificationRequestItem>> Tamperings => new()
    {
        { "pspReference", i => i with { PspReference = "ZX7Q2L4M9B8K3C1E" } },
        { "originalReference", i => i with { OriginalReference = "X" } },
        { "merchantAccountCode", i => i with { MerchantAccountCode = "Other" } },
        { "merchantReference", i => i with { MerchantReference = "ORD-2024-000124" } },
        { "amount.value", i => i with { Amount = new Amount("KRW", 1500000) } },
        { "amount.currency", i => i with { Amount = new Amount("USD", 15000) } },
        { "eventCode", i => i with { EventCode = "REFUND" } },
        { "success", i => i with { Success = "false" } },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Any_tampered_signed_field_is_rejected(string field, Func<NotificationRequestItem, NotificationRequestItem> tamper)
    {
        var genuine = Authorisation("J7JakGZjZsu/tWqXdFMI+YnEJmhxJAbOVrJmyYMoqcM=");
        Assert.True(AdyenHmac.IsValid(genuine, [OurKey]));

        Assert.False(AdyenHmac.IsValid(tamper(genuine), [OurKey]), $"A changed {field} still validated.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("J7JakGZjZsu/tWqXdFMI+YnEJmhxJAbOVrJmyYMoqcM")]
    [InlineData("not base64 at all")]
    public void Missing_or_malformed_signatures_are_rejected(string? signature) =>
        Assert.False(AdyenHmac.IsValid(Authorisation(signature), [OurKey]));
}
