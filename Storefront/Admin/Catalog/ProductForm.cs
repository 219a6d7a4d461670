using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Storefront.Catalog;
using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// A product as the merchandiser types it: a name and description in each language (one of the two at least), prices
/// in major units per currency the store sells in ("12000" won, "14.50" dollars), read against that currency's minor
/// units so ₩1,000.50 is refused. An empty price means the product is not sold in that currency.
/// </summary>
public sealed class ProductForm
{
    [StringLength(Product.NameMaxLength, ErrorMessage = "A name has at most {1} characters.")]
    public string? NameKo { get; set; }

    [StringLength(Product.NameMaxLength, ErrorMessage = "A name has at most {1} characters.")]
    public string? NameEn { get; set; }

    [StringLength(Product.DescriptionMaxLength, ErrorMessage = "A description has at most {1} characters.")]
    public string? DescriptionKo { get; set; }

    [StringLength(Product.DescriptionMaxLength, ErrorMessage = "A description has at most {1} characters.")]
    public string? DescriptionEn { get; set; }

    /// <summary>Empty on a new product: made from the English name.</summary>
    [StringLength(Product.SlugMaxLength, ErrorMessage = "A slug has at most {1} characters.")]
    [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "A slug is lower-case letters and digits joined by single hyphens.")]
    public string? Slug { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Choose a category.")]
    public int CategoryId { get; set; }

    [StringLength(Product.SkuMaxLength, ErrorMessage = "A SKU has at most {1} characters.")]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._\-]*$", ErrorMessage = "A SKU is letters, digits, dots, hyphens and underscores.")]
    public string? Sku { get; set; }

    /// <summary>Major units per currency code, e.g. <c>Prices[KRW]=12000</c>.</summary>
    public Dictionary<string, string?> Prices { get; set; } = [];

    [Range(0, 1_000_000, ErrorMessage = "The low-stock threshold is a number from {1} to {2}.")]
    public int LowStockThreshold { get; set; } = Product.DefaultLowStockThreshold;

    public bool IsPublished { get; set; }

    public bool IsFeatured { get; set; }

    public static ProductForm From(Product product) => new()
    {
        NameKo = product.Names.Ko,
        NameEn = product.Names.En,
        DescriptionKo = product.Descriptions.Ko,
        DescriptionEn = product.Descriptions.En,
        Slug = product.Slug,
        CategoryId = product.CategoryId,
        Sku = product.Sku,
        Prices = Market.Currencies.ToDictionary(c => c, c => product.PriceIn(c) is { } price ? price.ToMajorUnitsString() : null),
        LowStockThreshold = product.LowStockThreshold,
        IsPublished = product.IsPublished,
        IsFeatured = product.IsFeatured,
    };

    /// <summary>
    /// The product's details, or null with every problem added to <paramref name="modelState"/> under
    /// <paramref name="prefix"/>. <paramref name="category"/> is the chosen one (only its id is needed here).
    /// </summary>
    public ProductDetails? ToDetails(Category category, ModelStateDictionary modelState, string prefix, IStringLocalizer localizer)
    {
        if (string.IsNullOrWhiteSpace(NameKo) && string.IsNullOrWhiteSpace(NameEn))
            modelState.AddModelError($"{prefix}.{nameof(NameEn)}", localizer["Give the product a name in Korean or English."]);
        if (string.IsNullOrWhiteSpace(DescriptionKo) && string.IsNullOrWhiteSpace(DescriptionEn))
            modelState.AddModelError($"{prefix}.{nameof(DescriptionEn)}", localizer["Describe the product in Korean or English."]);
        var prices = new Dictionary<string, long>();
        foreach (var (currency, text) in Prices)
        {
            if (!Market.Currencies.Contains(currency))
                continue;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            if (ParsePrice(text, currency) is { } minorUnits)
                prices[currency] = minorUnits;
            else
                modelState.AddModelError($"{prefix}.{nameof(Prices)}[{currency}]", Money.Exponent(currency) == 0
                    ? localizer["A price in {0} is a whole number above zero: it has no minor units.", currency]
                    : localizer["A price in {0} is above zero with at most two decimals.", currency]);
        }
        if (!modelState.IsValid)
            return null;
        return new ProductDetails(
            new LocalizedText(NameKo, NameEn), new LocalizedText(DescriptionKo, DescriptionEn),
            string.IsNullOrWhiteSpace(Slug) ? CatalogEditor.SlugFrom(NameEn ?? NameKo) : Slug, category, Sku,
            prices, LowStockThreshold, IsPublished, IsFeatured);
    }

    /// <summary>Minor units of a price typed in major units, or null when it is not one in <paramref name="currency"/>.</summary>
    public static long? ParsePrice(string text, string currency)
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0 || amount > 1_000_000_000m)
            return null;
        try
        {
            return Money.FromAmount(amount, currency).MinorUnits;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
