namespace Storefront.Catalog;

/// <summary>What a shopper is told about availability, and the style that goes with it.</summary>
public readonly record struct StockStatus(string Label, string CssClass)
{
    /// <summary>At or below this many units the shopper is told exactly how many are left.</summary>
    public const int LowStockThreshold = 5;

    public static StockStatus Of(int stock) => stock switch
    {
        <= 0 => new("Out of stock", "stock-out"),
        <= LowStockThreshold => new($"Only {stock} left", "stock-low"),
        _ => new("In stock", "stock-in"),
    };
}
