using Storefront.Shared;

namespace Storefront.Payments.Adyen;

/// <summary>An amount in minor units, exactly as on the wire (KRW 15000 is ₩15,000, not ₩150).</summary>
public sealed record Amount(string Currency, long Value)
{
    public static Amount From(Money money) => new(money.Currency, money.MinorUnits);

    public Money ToMoney() => new(Value, Currency);
}
