using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Shared;

namespace Storefront.Catalog;

/// <summary>Fills an empty catalog with the demo catalog; a catalog that has anything in it is left alone.</summary>
internal sealed partial class CatalogSeeder(ILogger<CatalogSeeder> logger) : IDataSeeder
{
    public async Task SeedAsync(StorefrontDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Categories.AnyAsync(cancellationToken) || await db.Products.AnyAsync(cancellationToken))
            return;

        var demo = await DemoCatalog.LoadAsync(cancellationToken);
        var categories = demo.Categories.ToDictionary(c => c.Slug, c => new Category(c.Slug, c.Name, c.SortOrder));
        db.Categories.AddRange(categories.Values);
        foreach (var entry in demo.Products)
        {
            if (!categories.TryGetValue(entry.Category, out var category))
                throw new InvalidOperationException($"Product '{entry.Slug}' names unknown category '{entry.Category}' in {DemoCatalog.ResourceName}.");
            var product = new Product(entry.Slug, entry.Name, entry.Description, category, entry.Stock, isFeatured: entry.Featured);
            foreach (var (currency, amount) in entry.Prices)
                product.SetPrice(Money.FromAmount(amount, currency));
            db.Products.Add(product);
        }
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, demo.Products.Count, demo.Categories.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo catalog: {ProductCount} products in {CategoryCount} categories")]
    private static partial void LogSeeded(ILogger logger, int productCount, int categoryCount);
}
