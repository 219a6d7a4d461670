using Storefront.Data;
using Storefront.Orders;

namespace Storefront.Cart;

/// <summary>
/// A shopper's basket, kept in the database: an anonymous one is found by its cookie, a signed-in user's
/// by the user id. Quantities are bounded by stock; prices are never stored here, always read at display
/// and at checkout.
/// </summary>
public sealed class ShoppingCart : IVersioned
{
    public const int MaxQuantityPerLine = 99;

    private readonly List<CartLine> _lines = [];

    private ShoppingCart()
    {
    }

    public ShoppingCart(Guid id, string? shopperId, DateTime now)
    {
        Id = id;
        ShopperId = shopperId;
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>The Identity user's id; null while the shopper is anonymous.</summary>
    public string? ShopperId { get; private set; }

    /// <summary>The order last placed from this cart and not yet paid: a retry after a failed payment reuses it.</summary>
    public int? PendingOrderId { get; private set; }

    public Order? PendingOrder { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public long Version { get; set; }

    public IReadOnlyList<CartLine> Lines => _lines;

    public bool IsEmpty => _lines.Count == 0;

    /// <summary>Adds units of a product; returns the line's quantity after the stock bound.</summary>
    public int Add(int productId, int quantity, int inStock, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var line = _lines.FirstOrDefault(l => l.ProductId == productId);
        var wanted = (line?.Quantity ?? 0) + quantity;
        return SetQuantity(productId, wanted, inStock, now);
    }

    /// <summary>Sets a line's quantity (0 removes it), bounded by stock; returns the quantity kept.</summary>
    public int SetQuantity(int productId, int quantity, int inStock, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        var bounded = Math.Min(quantity, Math.Min(Math.Max(inStock, 0), MaxQuantityPerLine));
        var line = _lines.FirstOrDefault(l => l.ProductId == productId);
        if (bounded == 0)
        {
            if (line is not null)
                _lines.Remove(line);
        }
        else if (line is null)
        {
            _lines.Add(new CartLine(productId, bounded));
        }
        else
        {
            line.Quantity = bounded;
        }
        UpdatedAt = now;
        return bounded;
    }

    public void Remove(int productId, DateTime now) => SetQuantity(productId, 0, 0, now);

    /// <summary>Moves an anonymous cart's lines into this one at log-in, still bounded by stock.</summary>
    public void MergeFrom(ShoppingCart other, Func<int, int> stockOf, DateTime now)
    {
        foreach (var line in other._lines)
            Add(line.ProductId, line.Quantity, stockOf(line.ProductId), now);
        other._lines.Clear();
        other.UpdatedAt = now;
    }

    /// <summary>Links the order just placed from this cart; saved with the order itself, in one transaction.</summary>
    public void AttachPendingOrder(Order order, DateTime now)
    {
        PendingOrder = order;
        UpdatedAt = now;
    }

    /// <summary>The order is paid: the cart starts afresh.</summary>
    public void CompleteOrder(Order order, DateTime now)
    {
        if (!ReferenceEquals(PendingOrder, order) && (PendingOrderId is null || PendingOrderId != order.Id))
            return;
        _lines.Clear();
        PendingOrder = null;
        PendingOrderId = null;
        UpdatedAt = now;
    }
}

public sealed class CartLine
{
    private CartLine()
    {
    }

    internal CartLine(int productId, int quantity)
    {
        ProductId = productId;
        Quantity = quantity;
    }

    public int Id { get; private set; }

    public Guid CartId { get; private set; }

    public int ProductId { get; private set; }

    public int Quantity { get; internal set; }
}
