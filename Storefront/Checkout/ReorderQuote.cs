using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Storefront.Catalog;
using Storefront.Orders;
using Storefront.Shared;
using Storefront.Shipping;

namespace Storefront.Checkout;

/// <summary>
/// An earlier order's lines at today's prices and stock, in the market it was placed in: what a reorder would buy,
/// and what changed since (price, stock, items no longer sold).
/// </summary>
/// <remarks>Shipping is priced from today's rate on today's goods, whatever the earlier order paid for it.</remarks>
public sealed record ReorderQuote(Order Source, Market Market, IReadOnlyList<ReorderLine> Lines, ShippingQuote Shipping)
{
    public IEnumerable<ReorderLine> Available => Lines.Where(l => l.Quantity > 0);

    public bool CanOrder => Available.Any();

    /// <summary>The goods that can be bought today, before shipping.</summary>
    public Money Subtotal => Shipping.Subtotal;

    public Money Total => Shipping.Total;

    public bool HasChanges => Lines.Any(l => l.PriceChanged || l.Availability != ReorderAvailability.Available);

    /// <summary>
    /// A digest of what would be bought (products, quantities, prices). The page sends it back with the shopper's
    /// choice, so that a price or stock change in between is shown before anything is charged. Not a price: prices
    /// are read on the server again.
    /// </summary>
    public string Version { get; } = Digest(Lines, Shipping);

    public static ReorderQuote Build(Order source, Market market, IReadOnlyDictionary<int, Product> products, ShippingFees shipping)
    {
        var lines = source.ProductLines
            .Select(line => ReorderLine.Quote(line, source.Currency, market, products.GetValueOrDefault(line.ProductId!.Value)))
            .ToList();
        var subtotal = lines.Where(l => l.Quantity > 0).Aggregate(Money.Zero(market.Currency), (sum, line) => sum + line.LineTotal!.Value);
        return new ReorderQuote(source, market, lines, shipping.Quote(subtotal));
    }

    /// <summary>The new order's lines: today's goods, and today's shipping fee named <paramref name="shippingName"/> unless it is free.</summary>
    internal IReadOnlyList<OrderLine> OrderLines(string shippingName)
    {
        var lines = Available.Select(l => l.ToOrderLine(Market)).ToList();
        if (!Shipping.IsFree)
            lines.Add(OrderLine.Shipping(shippingName, Shipping.Fee.MinorUnits, Market.VatBasisPoints));
        return lines;
    }

    private static string Digest(IEnumerable<ReorderLine> lines, ShippingQuote shipping)
    {
        var text = string.Join(';', lines.Where(l => l.Quantity > 0).Select(l =>
            string.Create(CultureInfo.InvariantCulture, $"{l.Previous.ProductId}:{l.Quantity}:{l.UnitPrice?.MinorUnits}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"shipping:{shipping.Fee.MinorUnits}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}

/// <summary>One line of a <see cref="ReorderQuote"/>; <see cref="Quantity"/> is what can be bought today (0 when nothing).</summary>
public sealed record ReorderLine(OrderLine Previous, Money PreviousUnitPrice, Product? Product, Money? UnitPrice, int Quantity,
    ReorderAvailability Availability)
{
    public bool PriceChanged => UnitPrice is { } now && now != PreviousUnitPrice;

    public Money? LineTotal => Quantity > 0 ? UnitPrice * Quantity : null;

    internal static ReorderLine Quote(OrderLine previous, string previousCurrency, Market market, Product? product)
    {
        var previousPrice = previous.UnitPriceIn(previousCurrency);
        if (product is null || !product.IsPublished || product.PriceIn(market.Currency) is not { } price)
            return new ReorderLine(previous, previousPrice, product, null, 0, ReorderAvailability.NoLongerSold);
        var quantity = Math.Min(previous.Quantity, Math.Max(product.Stock, 0));
        var availability = quantity == 0 ? ReorderAvailability.SoldOut
            : quantity < previous.Quantity ? ReorderAvailability.FewerInStock
            : ReorderAvailability.Available;
        return new ReorderLine(previous, previousPrice, product, price, quantity, availability);
    }

    /// <summary>Today's order line, priced from the catalog as it is now.</summary>
    internal OrderLine ToOrderLine(Market market) =>
        new(Product!.Id, Product.Slug, Product.Name, Product.ThumbnailPath, UnitPrice!.Value.MinorUnits, Quantity, market.VatBasisPoints);
}

public enum ReorderAvailability
{
    Available,

    /// <summary>Fewer in stock than last time: the reorder takes what there is.</summary>
    FewerInStock,

    SoldOut,

    /// <summary>Unpublished, deleted, or not sold in the order's currency any more.</summary>
    NoLongerSold,
}
