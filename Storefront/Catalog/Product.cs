using Storefront.Data;
using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Catalog;

/// <summary>
/// Something the shop sells. Stock moves only through <see cref="ReserveStock"/>, <see cref="ReleaseStock"/> and
/// <see cref="AdjustStock"/>, each of which writes a line of <see cref="History"/>; <see cref="Version"/> makes two
/// concurrent reservations of the last unit collide instead of both succeeding, and two merchandisers' edits too.
/// </summary>
public sealed partial class Product : IVersioned
{
    public const int SlugMaxLength = 100;
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 2000;
    public const int SkuMaxLength = 40;
    public const int DefaultLowStockThreshold = 5;

    private readonly List<ProductPrice> _prices = [];
    private readonly List<ProductEvent> _history = [];

    // For EF Core, which sets the properties itself.
    private Product()
    {
        Slug = "";
        Names = Descriptions = null!;
        Category = null!;
    }

    public Product(string slug, LocalizedText names, LocalizedText descriptions, Category category, int stock,
        bool isPublished = true, bool isFeatured = false)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(descriptions);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        Slug = Slugs.Require(slug, SlugMaxLength);
        Names = names.Require(NameMaxLength, nameof(names));
        Descriptions = descriptions.Require(DescriptionMaxLength, nameof(descriptions));
        Category = category;
        Stock = stock;
        IsPublished = isPublished;
        IsFeatured = isFeatured;
    }

    public int Id { get; private set; }

    public string Slug { get; private set; }

    /// <summary>The product's name in Korean and English (columns <c>NameKo</c>, <c>NameEn</c>).</summary>
    public LocalizedText Names { get; private set; }

    public LocalizedText Descriptions { get; private set; }

    /// <summary>The name in the language of the request (or e-mail) being written, else in the other.</summary>
    public string Name => Names.ToString();

    public string Description => Descriptions.ToString();

    public int CategoryId { get; private set; }

    public Category Category { get; private set; }

    /// <summary>Units that can still be sold; never negative.</summary>
    public int Stock { get; private set; }

    public bool IsPublished { get; private set; }

    public bool IsFeatured { get; private set; }

    public IReadOnlyCollection<ProductPrice> Prices => _prices;

    /// <summary>The merchandiser's own code for the product; unique when set.</summary>
    public string? Sku { get; private set; }

    /// <summary>At or below this many units the product is on the dashboard's attention list.</summary>
    public int LowStockThreshold { get; private set; } = DefaultLowStockThreshold;

    /// <summary>Taken off sale for good: never shown to shoppers, kept for the orders that name it.</summary>
    public bool IsArchived { get; private set; }

    /// <summary>What happened to the product, loaded only where it is shown; new lines are saved with the change.</summary>
    public IReadOnlyCollection<ProductEvent> History => _history;

    public long Version { get; set; }

    /// <summary>The price in <paramref name="currency"/>, or null when the product is not sold in that currency.</summary>
    public Money? PriceIn(string currency) =>
        _prices.FirstOrDefault(p => p.Currency == currency)?.ToMoney();

    public void SetPrice(Money price)
    {
        if (price.MinorUnits <= 0)
            throw new ArgumentOutOfRangeException(nameof(price), price, "A price must be more than zero.");
        if (_prices.FirstOrDefault(p => p.Currency == price.Currency) is { } existing)
            existing.Change(price);
        else
            _prices.Add(new ProductPrice(price));
    }

    /// <summary>Takes <paramref name="quantity"/> units out of stock for order <paramref name="orderNumber"/>.</summary>
    /// <exception cref="InsufficientStockException">Fewer than <paramref name="quantity"/> units are left.</exception>
    public void ReserveStock(int quantity, string orderNumber, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (quantity > Stock)
            throw new InsufficientStockException(Slug, quantity, Stock);
        MoveStock(Stock - quantity, ProductEventKind.Sold, ProductEvent.System, now, orderNumber, null);
    }

    /// <summary>Puts units back when order <paramref name="orderNumber"/> expired, failed or was cancelled (<paramref name="why"/>).</summary>
    public void ReleaseStock(int quantity, string orderNumber, string why, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        MoveStock(checked(Stock + quantity), ProductEventKind.Released, ProductEvent.System, now, orderNumber, why);
    }

    /// <summary>A merchandiser sets the stock (a count, a delivery, breakage) and says why.</summary>
    public void AdjustStock(int newStock, string reason, string actor, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newStock);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        MoveStock(newStock, ProductEventKind.StockAdjusted, actor, now, null, reason.Trim());
    }

    private void MoveStock(int newStock, ProductEventKind kind, string actor, DateTime now, string? orderNumber, string? note)
    {
        _history.Add(new ProductEvent(kind, actor, now, Version + 1) { StockBefore = Stock, StockAfter = newStock, OrderNumber = orderNumber, Note = note });
        Stock = newStock;
    }
}
