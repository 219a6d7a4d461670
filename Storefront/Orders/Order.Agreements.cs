namespace Storefront.Orders;

/// <summary>
/// The agreements a shopper in Korea gives before paying: 구매조건 확인 및 결제진행 동의 (the terms of use) and 개인정보
/// 수집·이용 동의 (the privacy policy), each with the version of the text agreed to and when (UTC). Null where none was
/// asked (other markets, and orders placed before the store asked).
/// </summary>
public sealed partial class Order
{
    public string? TermsVersionAgreed { get; private set; }

    public DateTime? TermsAgreedAt { get; private set; }

    public string? PrivacyVersionAgreed { get; private set; }

    public DateTime? PrivacyAgreedAt { get; private set; }

    /// <summary>
    /// The shopper ticked both agreements on the form that placed this order, or paid it again from the cart: the
    /// latest are kept, and each giving is on the timeline.
    /// </summary>
    public void RecordAgreements(OrderAgreements agreed, DateTime now)
    {
        TermsVersionAgreed = agreed.TermsVersion;
        TermsAgreedAt = now;
        PrivacyVersionAgreed = agreed.PrivacyVersion;
        PrivacyAgreedAt = now;
        Touch(now);
        AddEvent(now, OrderEventSource.Shopper, OrderEventKinds.AgreementsGiven,
            $"Agreed to the terms ({agreed.TermsVersion}) and the collection and use of personal data ({agreed.PrivacyVersion}).");
    }
}

/// <summary>The versions of the terms and the privacy policy a shopper agreed to, as <c>Legal/LegalTexts</c> names them.</summary>
public sealed record OrderAgreements(string TermsVersion, string PrivacyVersion);
