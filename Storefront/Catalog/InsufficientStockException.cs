namespace Storefront.Catalog;

/// <summary>A reservation asked for more units than the product has left.</summary>
public sealed class InsufficientStockException(string slug, int requested, int available)
    : InvalidOperationException($"Cannot reserve {requested} of '{slug}': only {available} in stock.")
{
    public string Slug { get; } = slug;

    public int Requested { get; } = requested;

    public int Available { get; } = available;
}
