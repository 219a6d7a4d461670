using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// The products CSV import. A dry run and an apply are the same work on the same file: the file's rows are checked
/// and applied to the products they name, through the product's own <see cref="Product.Edit"/>,
/// <see cref="Product.AdjustStock"/> and <see cref="Product.Create"/>, so the dry run lists exactly the changes (field:
/// from → to) that an apply writes on each product's history. The dry run never saves; the apply saves every row in
/// one <c>SaveChanges</c>, one transaction, and only when the plan it makes now has the
/// <see cref="ImportPlan.Fingerprint"/> of the dry run the merchandiser saw: any product of the file that changed
/// since (an edit, a sale: its version moved) refuses the whole file, to be dry-run again.
/// </summary>
public sealed class ProductImport(StorefrontDbContext db, TimeProvider time, IStringLocalizer<ProductImport> localizer,
    IStringLocalizer<SharedResource> formLocalizer)
{
    /// <summary>The reason on the history line of every stock change an import makes.</summary>
    public const string StockReason = "CSV import";

    public CsvFile Read(byte[] file) => ProductsCsv.Read(file, localizer);

    /// <summary>What the file would change, row by row; nothing is saved.</summary>
    public async Task<ImportPlan> DryRunAsync(byte[] file, string actor, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var plan = await PlanAsync(Read(file), actor, tracked: false, cancellationToken);
        db.ChangeTracker.Clear();
        return plan;
    }

    /// <summary>
    /// Applies the file when the catalog is still as it was for the dry run with <paramref name="fingerprint"/>; a
    /// file that has nothing (left) to change changes nothing, so applying it twice is the same as once.
    /// </summary>
    public Task<ImportOutcome> ApplyAsync(byte[] file, string fingerprint, string actor, CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync<ImportOutcome>(async () =>
        {
            var plan = await PlanAsync(Read(file), actor, tracked: true, cancellationToken);
            ImportOutcome outcome = !plan.CanApply || (plan.HasChanges && plan.Fingerprint != fingerprint)
                ? new ImportOutcome.Outdated(plan)
                : new ImportOutcome.Applied(plan);
            if (outcome is ImportOutcome.Applied && plan.HasChanges)
                await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return outcome;
        }, RetryOn.ConflictOrDuplicate);

    private async Task<ImportPlan> PlanAsync(CsvFile file, string actor, bool tracked, CancellationToken cancellationToken)
    {
        if (file.Errors.Count > 0)
            return new ImportPlan(file.Errors, [], "");
        var slugs = file.Rows.Select(r => r[ProductsCsv.Slug]!).Where(s => s.Length > 0).Distinct().ToList();
        var products = tracked ? db.Products : db.Products.AsNoTracking();
        var existing = await products.Include(p => p.Prices).Include(p => p.Category).Where(p => slugs.Contains(p.Slug))
            .ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal, cancellationToken);
        var categories = await (tracked ? db.Categories : db.Categories.AsNoTracking())
            .ToDictionaryAsync(c => c.Slug, StringComparer.Ordinal, cancellationToken);
        var redirected = (await db.ProductSlugRedirects.Where(r => slugs.Contains(r.Slug)).Select(r => r.Slug).ToListAsync(cancellationToken)).ToHashSet();
        var skus = file.Has(ProductsCsv.Sku) ? file.Rows.Select(r => r[ProductsCsv.Sku]!).Where(s => s.Length > 0).Distinct().ToList() : [];
        var skuOwners = await db.Products.Where(p => skus.Contains(p.Sku!)).Select(p => new { Sku = p.Sku!, p.Id })
            .ToDictionaryAsync(p => p.Sku, p => p.Id, StringComparer.Ordinal, cancellationToken);

        var context = new RowContext(existing, categories, redirected, skuOwners, actor, time.GetUtcNow().UtcDateTime);
        var rows = file.Rows.Select(row => PlanRow(row, context, tracked)).ToList();
        return new ImportPlan([], rows, Fingerprint(rows));
    }

    private RowPlan PlanRow(CsvProductRow row, RowContext context, bool tracked)
    {
        var errors = new List<string>();
        if (row.ShapeError is { } shape)
            errors.Add(shape);
        var slug = row[ProductsCsv.Slug]!;
        if (slug.Length == 0)
            errors.Add(localizer["The row has no slug."]);
        else if (!context.SeenSlugs.TryAdd(slug, row.Number))
            errors.Add(localizer["The slug “{0}” is on row {1} too.", slug, context.SeenSlugs[slug]]);
        var product = context.Products.GetValueOrDefault(slug);
        if (product is null && context.Redirected.Contains(slug))
            errors.Add(formLocalizer["Another product has (or had) this slug."]);

        var form = product is null ? new ProductForm() : ProductForm.From(product);
        form.Slug = slug;
        WhenPresent(row, ProductsCsv.NameKo, text => form.NameKo = text);
        WhenPresent(row, ProductsCsv.NameEn, text => form.NameEn = text);
        WhenPresent(row, ProductsCsv.DescriptionKo, text => form.DescriptionKo = text);
        WhenPresent(row, ProductsCsv.DescriptionEn, text => form.DescriptionEn = text);
        WhenPresent(row, ProductsCsv.Sku, text => form.Sku = text.Length == 0 ? null : text);
        foreach (var currency in Market.Currencies)
        {
            WhenPresent(row, ProductsCsv.PriceColumn(currency), text =>
            {
                // A grouping comma is refused rather than guessed: "12,50" written with a decimal comma is not 1250.
                if (text.Contains(','))
                    errors.Add(PriceError(currency));
                form.Prices[currency] = text;
            });
        }
        WhenPresent(row, ProductsCsv.LowStockThreshold, text =>
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var threshold))
                form.LowStockThreshold = threshold;
            else
                errors.Add(formLocalizer["The low-stock threshold is a number from {1} to {2}.", "", 0, 1_000_000]);
        });
        WhenPresent(row, ProductsCsv.Published, text => form.IsPublished = Flag(text, ProductsCsv.Published, errors));
        WhenPresent(row, ProductsCsv.Featured, text => form.IsFeatured = Flag(text, ProductsCsv.Featured, errors));
        if (product is { IsArchived: true } && (form.IsPublished || form.IsFeatured))
            errors.Add(localizer["The product is archived: restore it on its page before publishing or featuring it."]);

        var stock = product?.Stock ?? 0;
        WhenPresent(row, ProductsCsv.Stock, text =>
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out stock) || stock > 1_000_000)
                errors.Add(formLocalizer["Stock is a number from {1} to {2}.", "", 0, 1_000_000]);
        });

        var category = product?.Category;
        WhenPresent(row, ProductsCsv.Category, text =>
        {
            category = context.Categories.GetValueOrDefault(text.ToLowerInvariant());
            if (category is null)
                errors.Add(localizer["There is no category “{0}”.", text]);
        });
        if (product is null && !row.Has(ProductsCsv.Category))
            errors.Add(localizer["A new product needs a category: add the “category” column."]);

        errors.AddRange(AttributeErrors(form));
        if (form.Sku is { } sku && (context.SkuOwners.TryGetValue(sku, out var owner) && owner != product?.Id))
            errors.Add(formLocalizer["Another product has this SKU."]);
        else if (form.Sku is { } fileSku && !context.SeenSkus.TryAdd(fileSku, row.Number))
            errors.Add(localizer["The SKU “{0}” is on row {1} too.", fileSku, context.SeenSkus[fileSku]]);
        var modelState = new ModelStateDictionary();
        var details = form.ToDetails(category ?? Placeholder, modelState, "", formLocalizer);
        errors.AddRange(modelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Where(e => !errors.Contains(e)));
        if (errors.Count > 0 || details is null || category is null)
            return new RowPlan(row.Number, slug, product?.Id, product?.Version, product is null, [], errors);

        details = details with { Category = category };
        if (product is null)
        {
            var created = Product.Create(details, stock, context.Actor, context.Now);
            if (tracked)
                db.Products.Add(created);
            return new RowPlan(row.Number, slug, null, null, true, NewProductLines(details, stock), []);
        }
        var changes = product.Edit(details, context.Actor, context.Now).ToList();
        if (stock != product.Stock)
        {
            changes.Add($"Stock: {product.Stock} → {stock}");
            product.AdjustStock(stock, StockReason, context.Actor, context.Now);
        }
        // A change of prices alone writes no column of the product: its version moves all the same, so that an edit
        // or another import made from the old version collides with this one.
        if (tracked && changes.Count > 0)
            db.Entry(product).Property(p => p.Version).IsModified = true;
        return new RowPlan(row.Number, slug, product.Id, product.Version, false, changes, []);
    }

    private static void WhenPresent(CsvProductRow row, string column, Action<string> use)
    {
        if (row[column] is { } text)
            use(text);
    }

    private bool Flag(string text, string column, List<string> errors)
    {
        if (bool.TryParse(text, out var value))
            return value;
        errors.Add(localizer["“{0}” is true or false.", column]);
        return false;
    }

    private string PriceError(string currency) => Money.Exponent(currency) == 0
        ? formLocalizer["A price in {0} is a whole number above zero: it has no minor units.", currency]
        : formLocalizer["A price in {0} is above zero with at most two decimals.", currency];

    /// <summary>The form's own rules (lengths, slug and SKU patterns), in the merchandiser's language; the category is looked up by slug instead.</summary>
    private IEnumerable<string> AttributeErrors(ProductForm form)
    {
        foreach (var property in typeof(ProductForm).GetProperties().Where(p => p.Name != nameof(ProductForm.CategoryId)))
        {
            // Each call makes new attribute instances, so localizing this one's message touches no other.
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute.IsValid(property.GetValue(form)))
                    continue;
                attribute.ErrorMessage = formLocalizer[attribute.ErrorMessage ?? ""];
                yield return attribute.FormatErrorMessage(property.Name);
            }
        }
    }

    /// <summary>What a new product gets, in the history's words.</summary>
    private static List<string> NewProductLines(ProductDetails details, int stock)
    {
        var lines = new List<string>();
        void Add(string field, object? value)
        {
            if (value is not null)
                lines.Add($"{field}: {value}");
        }
        Add("Name (ko)", details.Names.Ko);
        Add("Name (en)", details.Names.En);
        Add("Category", details.Category.Slug);
        Add("SKU", string.IsNullOrWhiteSpace(details.Sku) ? null : details.Sku.Trim());
        foreach (var (currency, amount) in details.Prices.OrderBy(p => p.Key, StringComparer.Ordinal))
            Add($"Price {currency}", new Money(amount, currency));
        Add("Stock", stock);
        Add("Low-stock threshold", details.LowStockThreshold);
        Add("Published", details.IsPublished);
        Add("Featured", details.IsFeatured);
        return lines;
    }

    /// <summary>Every row's product, version, changes and errors: equal only when the plan would write the same.</summary>
    private static string Fingerprint(IEnumerable<RowPlan> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(row.Number).Append('\u001f').Append(row.Slug).Append('\u001f').Append(row.ProductId).Append('\u001f').Append(row.Version)
                .Append('\u001f').AppendJoin('\u001e', row.Changes).Append('\u001f').AppendJoin('\u001e', row.Errors).Append('\u001d');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Only for checking a row whose category is unknown: its errors are listed, its details thrown away.
    private static readonly Category Placeholder = new("unknown", new LocalizedText(null, "unknown"), 0);

    private sealed record RowContext(IReadOnlyDictionary<string, Product> Products, IReadOnlyDictionary<string, Category> Categories,
        IReadOnlySet<string> Redirected, IReadOnlyDictionary<string, int> SkuOwners, string Actor, DateTime Now)
    {
        public Dictionary<string, int> SeenSlugs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> SeenSkus { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A dry run's (or an apply's) rows; applicable when neither the file nor any row has an error.</summary>
public sealed record ImportPlan(IReadOnlyList<string> FileErrors, IReadOnlyList<RowPlan> Rows, string Fingerprint)
{
    public bool CanApply => FileErrors.Count == 0 && Rows.All(r => r.Errors.Count == 0);

    public bool HasChanges => Rows.Any(r => r.Changes.Count > 0);

    public int Created => Rows.Count(r => r.IsNew && r.Errors.Count == 0);

    public int Changed => Rows.Count(r => !r.IsNew && r.Changes.Count > 0);

    public int Unchanged => Rows.Count(r => !r.IsNew && r.Errors.Count == 0 && r.Changes.Count == 0);
}

/// <summary>One row of the file: the product it names (none for a new one), the changes it makes or its errors.</summary>
public sealed record RowPlan(int Number, string Slug, int? ProductId, long? Version, bool IsNew, IReadOnlyList<string> Changes,
    IReadOnlyList<string> Errors);

public abstract record ImportOutcome(ImportPlan Plan)
{
    /// <summary>Saved, every row in one transaction (or nothing was left to change).</summary>
    public sealed record Applied(ImportPlan Plan) : ImportOutcome(Plan);

    /// <summary>The catalog changed since the dry run (or the file no longer applies): nothing saved; this is the new dry run.</summary>
    public sealed record Outdated(ImportPlan Plan) : ImportOutcome(Plan);
}
