using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

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

    [Required(ErrorMessage = "Enter a phone number.")]
    [RegularExpression(@"^\+?[0-9][0-9 ()\-]{5,24}$", ErrorMessage = "Enter a phone number using digits, spaces and an optional leading +.")]
    [Display(Name = "Phone")]
    public string Phone { get; set; } = "";

    [Required(ErrorMessage = "Enter the street address.")]
    [StringLength(200)]
    [Display(Name = "Address")]
    public string AddressLine1 { get; set; } = "";

    [StringLength(200)]
    [Display(Name = "Apartment, suite (optional)")]
    public string? AddressLine2 { get; set; }

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

    /// <summary>One-time key rendered into the form: submitting the same form twice finds the first payment.</summary>
    [Required]
    [RegularExpression(SubmitKeys.Pattern)]
    public string SubmitKey { get; set; } = "";

    /// <summary>The country the cart is priced in; not editable here (the header picker changes it).</summary>
    public string Country { get; set; } = "";

    /// <summary>
    /// The postal code's format depends on the cart's country, which the server sets after binding; so this
    /// runs beside the attribute checks rather than after them.
    /// </summary>
    public string? PostalCodeError() =>
        PostalCodePattern(Country) is { } pattern && !string.IsNullOrWhiteSpace(PostalCode) && !pattern.IsMatch(PostalCode.Trim())
            ? $"Enter a valid postal code for {Country}."
            : null;

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
