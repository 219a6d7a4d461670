using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Checkout;

/// <summary>What the shopper types at checkout. Prices and quantities are never part of it.</summary>
public sealed partial class CheckoutForm
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256)]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your full name.")]
    [StringLength(200, MinimumLength = 2, ErrorMessage = "Enter your full name.")]
    [Display(Name = "Full name")]
    public string Name { get; set; } = "";

    /// <summary>As typed; checked and stored in E.164 by <see cref="CheckForMarket"/>.</summary>
    [Required(ErrorMessage = "Enter a phone number.")]
    [StringLength(ContactPhone.MaxInputLength, ErrorMessage = "Enter a valid phone number.")]
    [Display(Name = "Phone")]
    public string Phone { get; set; } = "";

    [Required(ErrorMessage = "Enter the street address.")]
    [StringLength(200)]
    [Display(Name = "Address")]
    public string AddressLine1 { get; set; } = "";

    [StringLength(200)]
    [Display(Name = "Apartment, suite (optional)")]
    public string? AddressLine2 { get; set; }

    /// <summary>Not asked in Korea, where the address begins with it (<see cref="KoreanCity"/>).</summary>
    [Required(ErrorMessage = "Enter the city.")]
    [StringLength(100)]
    [Display(Name = "City")]
    public string City { get; set; } = "";

    [Required(ErrorMessage = "Enter the postal code.")]
    [StringLength(16)]
    [Display(Name = "Postal code")]
    public string PostalCode { get; set; } = "";

    [Required(ErrorMessage = "Choose a payment method.")]
    [StringLength(64)]
    [Display(Name = "Payment method")]
    public string PaymentMethod { get; set; } = "";

    /// <summary>
    /// The signed-in shopper's consent to save KakaoPay with this payment; unchecked unless they tick it. Only
    /// honoured where checkout offers it (a signed-in user, KakaoPay on offer).
    /// </summary>
    [Display(Name = "Save KakaoPay for faster checkout")]
    public bool SavePaymentMethod { get; set; }

    /// <summary>구매조건 확인 및 결제진행 동의: required before paying in Korea (<see cref="CheckForMarket"/>).</summary>
    public bool AgreeToTerms { get; set; }

    /// <summary>개인정보 수집·이용 동의: required before paying in Korea.</summary>
    public bool AgreeToPrivacy { get; set; }

    /// <summary>One-time key rendered into the form: submitting the same form twice finds the first payment.</summary>
    [Required]
    [RegularExpression(SubmitKeys.Pattern)]
    public string SubmitKey { get; set; } = "";

    /// <summary>The country the cart is priced in; not editable here (the header picker changes it).</summary>
    public string Country { get; set; } = "";

    /// <summary>Korea's delivery form: 우편번호, 주소, 상세주소 and the agreements Korean shops ask for.</summary>
    public bool IsKorean => Country == "KR";

    /// <summary>
    /// The checks that depend on the cart's country, which the server sets after binding, so they run beside the
    /// attribute checks rather than after them: the postal code's format, the phone number (stored in E.164 when it
    /// is valid), and in Korea the required agreements and the city taken from the address. Returns each field's error.
    /// </summary>
    public IEnumerable<(string Field, string Message)> CheckForMarket(IStringLocalizer localizer)
    {
        var errors = new List<(string, string)>();
        if (IsKorean)
            City = KoreanCity(AddressLine1);
        if (PostalCodePattern(Country) is { } pattern && !string.IsNullOrWhiteSpace(PostalCode) && !pattern.IsMatch(PostalCode.Trim()))
            errors.Add((nameof(PostalCode), IsKorean
                ? localizer["Enter the five-digit postal code, e.g. 04524."]
                : localizer["Enter a valid postal code for {0}.", localizer[Market.Find(Country)?.Name ?? Country]]));
        if (!string.IsNullOrWhiteSpace(Phone) && Phone.Length <= ContactPhone.MaxInputLength)
        {
            if (ContactPhone.Normalize(Phone, Country) is { } normal)
                Phone = normal;
            else
                errors.Add((nameof(Phone), localizer["Enter a valid phone number, e.g. {0}.", ContactPhone.Example(Country)]));
        }
        if (IsKorean && !AgreeToTerms)
            errors.Add((nameof(AgreeToTerms), localizer["Agree to the purchase conditions and the payment to place the order."]));
        if (IsKorean && !AgreeToPrivacy)
            errors.Add((nameof(AgreeToPrivacy), localizer["Agree to the collection and use of your personal data to place the order."]));
        return errors;
    }

    /// <summary>
    /// A Korean road-name address begins with its 시·도 (서울특별시 중구 세종대로 110): that is the order's city. An
    /// address written otherwise leaves it empty, which Korean delivery does not need.
    /// </summary>
    public static string KoreanCity(string? address) =>
        address?.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] && first.Length <= 100 && (first.EndsWith('시') || first.EndsWith('도'))
            ? first
            : "";

    private static Regex? PostalCodePattern(string country) => country switch
    {
        "KR" or "DE" or "FR" => FiveDigitPostalCode(),
        "US" => UsZipCode(),
        "JP" => JapanesePostalCode(),
        "GB" => BritishPostcode(),
        "NL" => DutchPostalCode(),
        _ => null,
    };

    [GeneratedRegex(@"^\d{5}(-\d{4})?$")]
    private static partial Regex UsZipCode();

    [GeneratedRegex(@"^\d{3}-?\d{4}$")]
    private static partial Regex JapanesePostalCode();

    [GeneratedRegex(@"^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$")]
    private static partial Regex BritishPostcode();

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex FiveDigitPostalCode();

    [GeneratedRegex(@"^\d{4} ?[A-Za-z]{2}$")]
    private static partial Regex DutchPostalCode();
}
