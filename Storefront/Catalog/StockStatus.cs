using Microsoft.Extensions.Localization;

namespace Storefront.Catalog;

/// <summary>What a shopper is told about availability, in their language, and the style that goes with it.</summary>
public readonly record struct StockStatus(string Label, string CssClass)
{
    /// <summary>At or below this many units the shopper is told exactly how many are left.</summary>
    public const int LowStockThreshold = 5;

    public static StockStatus Of(int stock, IStringLocalizer localizer) => stock switch
    {
        <= 0 => new(localizer["Out of stock"], "stock-out"),
        <= LowStockThreshold => new(localizer["Only {0} left", stock], "stock-low"),
        _ => new(localizer["In stock"], "stock-in"),
    };
}
