using PhoneNumbers;

namespace Storefront.Orders;

/// <summary>
/// Shoppers' phone numbers through libphonenumber: read as a shopper of a market types them (010-1234-5678,
/// 01012345678 or +82 10 1234 5678 in Korea), stored in one form (E.164, <c>+821012345678</c>), and shown as the
/// market dials it (010-1234-5678 in Korea, the international form elsewhere).
/// </summary>
public static class ContactPhone
{
    /// <summary>Longer input is no phone number (E.164 has at most 15 digits, typed with spaces and hyphens).</summary>
    public const int MaxInputLength = 32;

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164, or null when it is not a valid number (a national one read in <paramref name="country"/>).</summary>
    public static string? Normalize(string? input, string country)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength)
            return null;
        try
        {
            var number = Numbers.Parse(input, country);
            return Numbers.IsValidNumber(number) ? Numbers.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>A stored number as shoppers of <paramref name="country"/> write it; anything unreadable as it is.</summary>
    public static string Display(string phone, string country)
    {
        try
        {
            var number = Numbers.Parse(phone, country);
            return Numbers.GetRegionCodeForNumber(number) == country
                ? Numbers.Format(number, PhoneNumberFormat.NATIONAL)
                : Numbers.Format(number, PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return phone;
        }
    }

    /// <summary>A mobile number of <paramref name="country"/> as its shoppers write it, for hints and messages.</summary>
    public static string Example(string country) =>
        Numbers.GetExampleNumberForType(country, PhoneNumberType.MOBILE) is { } example
            ? Numbers.Format(example, PhoneNumberFormat.NATIONAL)
            : $"+{Numbers.GetCountryCodeForRegion(country)}";
}
