using System.Text;

namespace Storefront.Orders;

/// <summary>
/// The normalised copies of an order's contact details that the merchandiser's search runs on. Each is searched
/// as a prefix, which an ordinary index answers on every provider (a <c>LIKE '%…%'</c> would read every order).
/// </summary>
public static class OrderSearchKeys
{
    public const int MaxLength = 256;

    /// <summary>Fewer phone digits than this match too many orders to be a search.</summary>
    public const int MinPhoneDigits = 4;

    /// <summary>Lower case, trimmed, inner whitespace collapsed: "Kim  Minji " and "kim minji" are one name.</summary>
    public static string Text(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var part in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
                builder.Append(' ');
            builder.Append(part.ToLowerInvariant());
        }
        return Truncate(builder.ToString());
    }

    /// <summary>
    /// The phone's digits, reversed: "+82 10-1234-5678" is stored as "876543210128", so a search for the number as
    /// written in Korea ("010 1234 5678", trunk 0 dropped) is a prefix of it.
    /// </summary>
    public static string Phone(string value)
    {
        var digits = value.Where(char.IsAsciiDigit).ToArray();
        Array.Reverse(digits);
        return Truncate(new string(digits));
    }

    /// <summary>The phone digits a query asks for, reversed like <see cref="Phone"/>; null when it is not a phone number.</summary>
    public static string? PhoneQuery(string query)
    {
        if (query.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.')))
            return null;
        // A national number's trunk 0 is not part of the international one.
        var digits = new string(query.Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        return digits.Length >= MinPhoneDigits ? Phone(digits) : null;
    }

    /// <summary>
    /// The smallest string greater than every string that starts with <paramref name="prefix"/>: the exclusive upper
    /// bound of a prefix range (<c>key &gt;= prefix AND key &lt; bound</c>), which an index seeks to.
    /// </summary>
    public static string UpperBound(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] < char.MaxValue)
            {
                chars[i]++;
                return new string(chars, 0, i + 1);
            }
        }
        return prefix + char.MaxValue;
    }

    private static string Truncate(string value) => value.Length <= MaxLength ? value : value[..MaxLength];
}
