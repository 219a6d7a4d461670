using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Catalog;

/// <summary>What a merchandiser edits of a product in one form; prices are per currency, in minor units.</summary>
public sealed record ProductDetails(
    LocalizedText Names, LocalizedText Descriptions, string Slug, Category Category, string? Sku,
    IReadOnlyDictionary<string, long> Prices, int LowStockThreshold, bool IsPublished, bool IsFeatured);

public sealed partial class Product
{
    /// <summary>A new product from the merchandiser's form, with <paramref name="stock"/> units and its first history line.</summary>
    public static Product Create(ProductDetails details, int stock, string actor, DateTime now)
    {
        var product = new Product(details.Slug, details.Names, details.Descriptions, details.Category, stock, details.IsPublished, details.IsFeatured);
        product.Apply(details);
        product._history.Add(new ProductEvent(ProductEventKind.Created, actor, now, 0) { StockAfter = stock });
        return product;
    }

    public ProductDetails Details() => new(Names, Descriptions, Slug, Category, Sku,
        _prices.ToDictionary(p => p.Currency, p => p.Amount), LowStockThreshold, IsPublished, IsFeatured);

    /// <summary>
    /// Applies the form and writes down, on the history, every field it changed ("Name (en): Tea → Green tea"); the
    /// list is empty when nothing changed, and then nothing is written.
    /// </summary>
    public IReadOnlyList<string> Edit(ProductDetails details, string actor, DateTime now)
    {
        var changes = Differences(Details(), details);
        if (changes.Count == 0)
            return changes;
        Apply(details);
        _history.Add(new ProductEvent(ProductEventKind.Edited, actor, now, Version + 1) { Note = string.Join('\n', changes) });
        return changes;
    }

    /// <summary>Off sale for good: unpublished, no longer featured, hidden from shoppers; orders keep their lines.</summary>
    public void Archive(string actor, DateTime now)
    {
        if (IsArchived)
            return;
        IsArchived = true;
        IsPublished = IsFeatured = false;
        _history.Add(new ProductEvent(ProductEventKind.Archived, actor, now, Version + 1));
    }

    /// <summary>Back from the archive, still unpublished: the merchandiser publishes it once it is checked.</summary>
    public void Restore(string actor, DateTime now)
    {
        if (!IsArchived)
            return;
        IsArchived = false;
        _history.Add(new ProductEvent(ProductEventKind.Restored, actor, now, Version + 1));
    }

    private void Apply(ProductDetails details)
    {
        Names = details.Names.Require(NameMaxLength, nameof(details.Names));
        Descriptions = details.Descriptions.Require(DescriptionMaxLength, nameof(details.Descriptions));
        Slug = Slugs.Require(details.Slug, SlugMaxLength);
        Category = details.Category;
        CategoryId = details.Category.Id;
        Sku = string.IsNullOrWhiteSpace(details.Sku) ? null : details.Sku.Trim();
        ArgumentOutOfRangeException.ThrowIfNegative(details.LowStockThreshold);
        LowStockThreshold = details.LowStockThreshold;
        // An archived product stays off sale until it is restored.
        IsPublished = details.IsPublished && !IsArchived;
        IsFeatured = details.IsFeatured && !IsArchived;
        _prices.RemoveAll(p => !details.Prices.ContainsKey(p.Currency));
        foreach (var (currency, amount) in details.Prices)
            SetPrice(new Money(amount, currency));
    }

    private static List<string> Differences(ProductDetails before, ProductDetails after)
    {
        var changes = new List<string>();
        void Compare(string field, object? was, object? now)
        {
            if (!Equals(was, now))
                changes.Add($"{field}: {was ?? "—"} → {now ?? "—"}");
        }
        Compare("Name (ko)", before.Names.Ko, after.Names.Ko);
        Compare("Name (en)", before.Names.En, after.Names.En);
        Compare("Description (ko)", before.Descriptions.Ko, after.Descriptions.Ko);
        Compare("Description (en)", before.Descriptions.En, after.Descriptions.En);
        Compare("Slug", before.Slug, after.Slug);
        Compare("Category", before.Category.Slug, after.Category.Slug);
        Compare("SKU", before.Sku, string.IsNullOrWhiteSpace(after.Sku) ? null : after.Sku.Trim());
        foreach (var currency in before.Prices.Keys.Union(after.Prices.Keys).Order(StringComparer.Ordinal))
        {
            Compare($"Price {currency}",
                before.Prices.TryGetValue(currency, out var was) ? new Money(was, currency).ToString() : null,
                after.Prices.TryGetValue(currency, out var now) ? new Money(now, currency).ToString() : null);
        }
        Compare("Low-stock threshold", before.LowStockThreshold, after.LowStockThreshold);
        Compare("Published", before.IsPublished, after.IsPublished);
        Compare("Featured", before.IsFeatured, after.IsFeatured);
        return changes;
    }
}
