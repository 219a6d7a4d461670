using System.Security.Cryptography;

namespace Storefront.Orders;

/// <summary>
/// Order numbers such as <c>SF-7KQ2M9XD</c>: random (nothing to guess from a neighbour's number), short enough to
/// read over the phone, in Crockford's alphabet (no I, L, O, U). Uniqueness is the database's unique index.
/// </summary>
public static class OrderNumbers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Next() => "SF-" + RandomNumberGenerator.GetString(Alphabet, 8);

    public static bool LooksValid(string? number) =>
        number is { Length: 11 } && number.StartsWith("SF-", StringComparison.Ordinal) && number[3..].All(Alphabet.Contains);
}
