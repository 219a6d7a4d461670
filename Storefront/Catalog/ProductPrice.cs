using Storefront.Shared;

namespace Storefront.Catalog;

/// <summary>A product's explicit price in one currency: prices are set per market, never converted.</summary>
public sealed class ProductPrice
{
    private ProductPrice(string currency, long amount)
    {
        Currency = currency;
        Amount = amount;
    }

    internal ProductPrice(Money price) : this(price.Currency, price.MinorUnits)
    {
    }

    public int Id { get; private set; }

    public int ProductId { get; private set; }

    /// <summary>ISO 4217 code, e.g. KRW.</summary>
    public string Currency { get; private set; }

    /// <summary>Minor units of <see cref="Currency"/> (won for KRW, cents for USD).</summary>
    public long Amount { get; private set; }

    public Money ToMoney() => new(Amount, Currency);

    internal void Change(Money price) => Amount = price.MinorUnits;
}
