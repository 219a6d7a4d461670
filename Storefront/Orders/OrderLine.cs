using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>What an order line charges for.</summary>
public enum OrderLineKind
{
    Product,

    /// <summary>The order's shipping fee: no product, no stock, quantity 1.</summary>
    Shipping,
}

/// <summary>
/// A snapshot of what was bought, at the price charged: later catalog edits never rewrite an order. The shipping fee
/// is a line too, so that whatever goes through the lines (the total, Adyen's lineItems, refunds, e-mails, the export)
/// carries it.
/// </summary>
public sealed class OrderLine
{
    /// <summary>The <see cref="Sku"/> of a shipping line, as Adyen's lineItems id.</summary>
    public const string ShippingSku = "shipping";

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

    /// <summary>
    /// The shipping fee as a line, named <paramref name="description"/> in the order's language. A free shipping is no
    /// line at all.
    /// </summary>
    public static OrderLine Shipping(string description, long fee, int taxRateBasisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fee);
        return new OrderLine
        {
            Kind = OrderLineKind.Shipping,
            Sku = ShippingSku,
            Name = description,
            UnitPrice = fee,
            Quantity = 1,
            TaxRateBasisPoints = taxRateBasisPoints,
        };
    }

    public int Id { get; private set; }

    public int OrderId { get; private set; }

    public OrderLineKind Kind { get; private set; }

    /// <summary>The product bought; null on the shipping line.</summary>
    public int? ProductId { get; private set; }

    public bool IsShipping => Kind == OrderLineKind.Shipping;

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
