using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront.Catalog;

/// <summary>Units of one product, e.g. an order line's.</summary>
public readonly record struct StockLine(int ProductId, int Quantity);

/// <summary>
/// Puts units back on sale: the way other rooms (an order that expired, failed or was cancelled) give stock back
/// without touching product rows themselves. The change is tracked on the scope's context and saved by the caller with
/// the change that causes it, so it happens once; a product changed meanwhile makes that save collide on its version,
/// and the caller's unit of work reads it again. Each product's history says which order gave the units back and why.
/// </summary>
public sealed class ProductStock(StorefrontDbContext db, TimeProvider time)
{
    public async Task ReleaseAsync(IReadOnlyCollection<StockLine> lines, string orderNumber, string why, CancellationToken cancellationToken)
    {
        var productIds = lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var line in lines)
        {
            // A product deleted since the order was placed has nothing to take its units back.
            if (products.TryGetValue(line.ProductId, out var product))
                product.ReleaseStock(line.Quantity, orderNumber, why, now);
        }
    }
}
