using System.Globalization;

namespace Storefront.Shared;

/// <summary>
/// An amount in a currency's minor units, as Adyen puts it on the wire. The exponent comes from
/// Adyen's currency table, never from .NET culture data: the two disagree for some currencies.
/// </summary>
public readonly record struct Money
{
    private static readonly HashSet<string> ZeroDecimalCurrencies =
    [
        "CVE", "DJF", "GNF", "IDR", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    ];

    private static readonly HashSet<string> ThreeDecimalCurrencies = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["KRW"] = "₩", ["USD"] = "$", ["JPY"] = "¥", ["EUR"] = "€", ["GBP"] = "£",
    };

    public Money(long minorUnits, string currency)
    {
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
            throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code.", nameof(currency));
        MinorUnits = minorUnits;
        Currency = currency;
    }

    /// <summary>The value Adyen expects in <c>amount.value</c>.</summary>
    public long MinorUnits { get; }

    public string Currency { get; }

    public decimal Amount => MinorUnits / Scale(Currency);

    public static int Exponent(string currency) =>
        ZeroDecimalCurrencies.Contains(currency) ? 0 : ThreeDecimalCurrencies.Contains(currency) ? 3 : 2;

    /// <summary>Converts a major-unit amount (12.34 USD) and refuses precision the currency does not have.</summary>
    public static Money FromAmount(decimal amount, string currency)
    {
        var minor = amount * Scale(currency);
        if (minor != decimal.Truncate(minor))
            throw new ArgumentException(
                $"{amount} has more decimals than {currency} allows ({Exponent(currency)}).", nameof(amount));
        return new Money((long)minor, currency);
    }

    public static Money Zero(string currency) => new(0, currency);

    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.MinorUnits + right.MinorUnits), left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.MinorUnits - right.MinorUnits), left.Currency);
    }

    public static Money operator *(Money money, int quantity) =>
        new(checked(money.MinorUnits * quantity), money.Currency);

    /// <summary>
    /// The amount in major units with the currency's own decimals and no grouping or symbol (₩15,000 is "15000",
    /// $12.50 is "12.50"): what forms show for editing and CSV files carry, read back by <see cref="FromAmount"/>.
    /// </summary>
    public string ToMajorUnitsString() => Amount.ToString("F" + Exponent(Currency), CultureInfo.InvariantCulture);

    /// <summary>₩12,000 / $12.00 / ¥1,200 / €12.00 / £12.00; other currencies as "BHD 1.234".</summary>
    public override string ToString()
    {
        var digits = Exponent(Currency);
        var number = Math.Abs(Amount).ToString("N" + digits, CultureInfo.InvariantCulture);
        var sign = MinorUnits < 0 ? "-" : "";
        return Symbols.TryGetValue(Currency, out var symbol) ? $"{sign}{symbol}{number}" : $"{sign}{Currency} {number}";
    }

    private static decimal Scale(string currency) => Exponent(currency) switch { 0 => 1m, 3 => 1000m, _ => 100m };

    private static void EnsureSameCurrency(Money left, Money right)
    {
        if (left.Currency != right.Currency)
            throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
    }
}
