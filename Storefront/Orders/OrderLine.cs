using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>
/// A snapshot of what was bought, at the price charged: later catalog edits never rewrite an order.
/// </summary>
public sealed class OrderLine
{
    private OrderLine()
    {
    }

    public OrderLine(int productId, string sku, string name, string imagePath, long unitPrice, int quantity, int taxRateBasisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        ArgumentOutOfRangeException.ThrowIfNegative(unitPrice);
        ProductId = productId;
        Sku = sku;
        Name = name;
        ImagePath = imagePath;
        UnitPrice = unitPrice;
        Quantity = quantity;
        TaxRateBasisPoints = taxRateBasisPoints;
    }

    public int Id { get; private set; }

    public int OrderId { get; private set; }

    public int ProductId { get; private set; }

    /// <summary>The product's slug when the order was placed.</summary>
    public string Sku { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string ImagePath { get; private set; } = "";

    /// <summary>Price per unit in the order's currency, minor units, tax included.</summary>
    public long UnitPrice { get; private set; }

    public int Quantity { get; private set; }

    /// <summary>Tax rate in basis points (1000 = 10 %), as Adyen's lineItems.taxPercentage wants it.</summary>
    public int TaxRateBasisPoints { get; private set; }

    public long LineTotal => checked(UnitPrice * Quantity);

    public Money UnitPriceIn(string currency) => new(UnitPrice, currency);

    /// <summary>The tax inside a tax-inclusive unit price, rounded half away from zero in minor units.</summary>
    public long UnitTax => (long)Math.Round(UnitPrice - UnitPrice * 10_000m / (10_000 + TaxRateBasisPoints), MidpointRounding.AwayFromZero);
}
