using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront.Catalog;

/// <summary>
/// The merchandiser's changes to the catalog, each one unit of work that reads, checks and saves (retried on a
/// version conflict from a fresh read). Slugs stay unique across products and the old slugs that still redirect;
/// SKUs stay unique. An edit made from an older version than the product's is refused only when another edit (not an
/// order's stock move, which the form does not carry) was saved since: the merchandiser is shown those changes.
/// </summary>
public sealed partial class CatalogEditor(StorefrontDbContext db, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A slug from a name: its ASCII letters and digits, lower-cased, other runs as one hyphen ("Green Tea 50 g" → "green-tea-50-g").</summary>
    public static string SlugFrom(string? name) => Slugs.From(name, Product.SlugMaxLength - 4, "product");

    public Task<EditOutcome> CreateAsync(ProductDetails details, int stock, bool generatedSlug, string actor, CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync<EditOutcome>(async () =>
        {
            var category = await db.Categories.FindAsync([details.Category.Id], cancellationToken);
            if (category is null)
                return new EditOutcome.Refused("CategoryId", "Choose a category.");
            var slug = generatedSlug ? await FreeSlugAsync(details.Slug, null, cancellationToken) : details.Slug;
            if (await ProblemAsync(slug, details.Sku, null, cancellationToken) is { } problem)
                return problem;
            var product = Product.Create(details with { Category = category, Slug = slug }, stock, actor, Now);
            db.Products.Add(product);
            await db.SaveChangesAsync(cancellationToken);
            return new EditOutcome.Saved(product);
        }, RetryOn.ConflictOrDuplicate);

    public Task<EditOutcome> SaveAsync(int id, long seenVersion, ProductDetails details, string actor, CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync<EditOutcome>(async () =>
        {
            if (await db.Products.Include(p => p.Prices).Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } product)
                return new EditOutcome.NotFound();
            if (await ConflictAsync(product, seenVersion, cancellationToken) is { } conflict)
                return conflict;
            var category = await db.Categories.FindAsync([details.Category.Id], cancellationToken);
            if (category is null)
                return new EditOutcome.Refused("CategoryId", "Choose a category.");
            if (await ProblemAsync(details.Slug, details.Sku, id, cancellationToken) is { } problem)
                return problem;
            var oldSlug = product.Slug;
            if (product.Edit(details with { Category = category }, actor, Now).Count == 0)
                return new EditOutcome.Saved(product);
            if (oldSlug != product.Slug)
                await RedirectAsync(oldSlug, product, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new EditOutcome.Saved(product);
        }, RetryOn.ConflictOrDuplicate);

    public Task<bool> ArchiveAsync(int id, bool archive, string actor, CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync(async () =>
        {
            if (await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } product)
                return false;
            if (archive)
                product.Archive(actor, Now);
            else
                product.Restore(actor, Now);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });

    /// <summary>
    /// Sets, adds or removes units with a reason. Setting names the stock the merchandiser saw: when orders moved it
    /// since, nothing is changed and they are told, so a count never silently undoes a sale.
    /// </summary>
    public Task<StockOutcome> AdjustStockAsync(int id, StockChange change, int quantity, int seenStock, string reason, string actor,
        CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync<StockOutcome>(async () =>
        {
            if (await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } product)
                return StockOutcome.NotFound;
            if (change == StockChange.Set && product.Stock != seenStock)
                return StockOutcome.Moved;
            long target = change switch
            {
                StockChange.Add => (long)product.Stock + quantity,
                StockChange.Remove => (long)product.Stock - quantity,
                StockChange.Set => quantity,
                _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
            };
            if (target is < 0 or > int.MaxValue)
                return StockOutcome.OutOfRange;
            product.AdjustStock((int)target, reason, actor, Now);
            await db.SaveChangesAsync(cancellationToken);
            return StockOutcome.Saved;
        });

    /// <summary>The edits saved since <paramref name="seenVersion"/> by someone else (orders' stock moves do not count), or null.</summary>
    private async Task<EditOutcome.Conflict?> ConflictAsync(Product product, long seenVersion, CancellationToken cancellationToken)
    {
        if (product.Version == seenVersion)
            return null;
        var since = await db.ProductEvents.AsNoTracking()
            .Where(e => e.ProductId == product.Id && e.Version > seenVersion && e.Kind != ProductEventKind.Sold
                && e.Kind != ProductEventKind.Released && e.Kind != ProductEventKind.StockAdjusted)
            .OrderBy(e => e.Version).ToListAsync(cancellationToken);
        return since.Count > 0 ? new EditOutcome.Conflict(since, product.Version) : null;
    }

    private async Task<EditOutcome.Refused?> ProblemAsync(string slug, string? sku, int? productId, CancellationToken cancellationToken)
    {
        if (await db.Products.AnyAsync(p => p.Slug == slug && p.Id != productId, cancellationToken)
            || await db.ProductSlugRedirects.AnyAsync(r => r.Slug == slug && r.ProductId != productId, cancellationToken))
            return new EditOutcome.Refused("Slug", "Another product has (or had) this slug.");
        if (!string.IsNullOrWhiteSpace(sku) && await db.Products.AnyAsync(p => p.Sku == sku.Trim() && p.Id != productId, cancellationToken))
            return new EditOutcome.Refused("Sku", "Another product has this SKU.");
        return null;
    }

    private async Task<string> FreeSlugAsync(string wanted, int? productId, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var slug = n == 1 ? wanted : $"{wanted}-{n}";
            if (await ProblemAsync(slug, null, productId, cancellationToken) is null)
                return slug;
        }
    }

    /// <summary>The old slug answers with a redirect; a slug the product takes back stops redirecting to itself.</summary>
    private async Task RedirectAsync(string oldSlug, Product product, CancellationToken cancellationToken)
    {
        var own = await db.ProductSlugRedirects.Where(r => r.ProductId == product.Id && (r.Slug == oldSlug || r.Slug == product.Slug))
            .ToListAsync(cancellationToken);
        db.ProductSlugRedirects.RemoveRange(own.Where(r => r.Slug == product.Slug));
        if (own.All(r => r.Slug != oldSlug))
            db.ProductSlugRedirects.Add(new ProductSlugRedirect(oldSlug, product.Id));
    }

    /// <summary>The slug a product answers to now, for a slug it had before; null when no product ever had it.</summary>
    public Task<string?> RedirectedSlugAsync(string oldSlug, CancellationToken cancellationToken) =>
        (from redirect in db.ProductSlugRedirects
         join product in db.Products on redirect.ProductId equals product.Id
         where redirect.Slug == oldSlug
         select product.Slug).FirstOrDefaultAsync(cancellationToken);
}

public enum StockChange
{
    Set,
    Add,
    Remove,
}

public enum StockOutcome
{
    Saved,
    NotFound,
    /// <summary>Orders moved the stock since the merchandiser looked; nothing was set.</summary>
    Moved,
    /// <summary>The change would leave the stock below zero (or past what a count holds).</summary>
    OutOfRange,
}

public abstract record EditOutcome
{
    public sealed record Saved(Product Product) : EditOutcome;

    /// <summary>The form is fine but the catalog refuses it (a slug or SKU taken); <see cref="Field"/> is the form field.</summary>
    public sealed record Refused(string Field, string Message) : EditOutcome;

    /// <summary>Another merchandiser saved these changes since the form was opened; nothing was saved.</summary>
    public sealed record Conflict(IReadOnlyList<ProductEvent> Since, long CurrentVersion) : EditOutcome;

    public sealed record NotFound : EditOutcome;
}
