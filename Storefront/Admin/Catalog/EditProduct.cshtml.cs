using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Localization;

namespace Storefront.Admin;

/// <summary>
/// One product: its form (saved under its version, see <see cref="CatalogEditor"/>), its stock with a reason, archive
/// and restore, and its history, newest first.
/// </summary>
public sealed class EditProductModel(StorefrontDbContext db, CatalogEditor editor, IStringLocalizer<SharedResource> localizer)
    : PageModel, IProductFormPage
{
    public const int HistoryLimit = 100;

    public Product Product { get; private set; } = null!;

    public ProductForm Form { get; private set; } = new();

    /// <summary>The version the form was read at; the save is refused when someone else saved an edit since.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public IReadOnlyList<ProductEvent> History { get; private set; } = [];

    /// <summary>The edits saved by someone else while this merchandiser had the form open; shown above the form.</summary>
    public IReadOnlyList<ProductEvent> Conflicting { get; private set; } = [];

    public StockForm StockForm { get; private set; } = new();

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Form = ProductForm.From(Product);
        Version = Product.Version;
        Notice = saved ? localizer["Saved."].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [Bind(Prefix = ProductFormPage.FormPrefix)] ProductForm form, long version,
        CancellationToken cancellationToken)
    {
        Form = form;
        Version = version;
        if (await ProductFormPage.DetailsAsync(form, db, ModelState, localizer, cancellationToken) is { } details)
        {
            switch (await editor.SaveAsync(id, version, details, ProductFormPage.Actor(User), cancellationToken))
            {
                case EditOutcome.Saved:
                    return RedirectToPage(new { id, saved = true });
                case EditOutcome.NotFound:
                    return NotFound();
                case EditOutcome.Refused refused:
                    ProductFormPage.Refuse(ModelState, refused, localizer);
                    break;
                case EditOutcome.Conflict conflict:
                    // Their changes are shown, the merchandiser's own stay in the form: saving again puts them over.
                    Conflicting = conflict.Since;
                    Version = conflict.CurrentVersion;
                    ModelState.Remove(nameof(version));
                    break;
            }
        }
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostStockAsync(int id, [Bind(Prefix = nameof(StockForm))] StockForm stock, CancellationToken cancellationToken)
    {
        StockForm = stock;
        if (ModelState.IsValid)
        {
            var outcome = await editor.AdjustStockAsync(id, stock.Change!.Value, stock.Quantity!.Value, stock.SeenStock, stock.Reason!,
                ProductFormPage.Actor(User), cancellationToken);
            switch (outcome)
            {
                case StockOutcome.Saved:
                    return RedirectToPage(new { id, saved = true });
                case StockOutcome.NotFound:
                    return NotFound();
                case StockOutcome.Moved:
                    ModelState.AddModelError($"{nameof(StockForm)}.{nameof(StockForm.Quantity)}",
                        localizer["Orders changed the stock since you opened the page: check the new figure and set it again."]);
                    break;
                default:
                    ModelState.AddModelError($"{nameof(StockForm)}.{nameof(StockForm.Quantity)}", localizer["Stock cannot go below zero."]);
                    break;
            }
        }
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Form = ProductForm.From(Product);
        Version = Product.Version;
        return Page();
    }

    public Task<IActionResult> OnPostArchiveAsync(int id, CancellationToken cancellationToken) => ArchiveAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken cancellationToken) => ArchiveAsync(id, false, cancellationToken);

    private async Task<IActionResult> ArchiveAsync(int id, bool archive, CancellationToken cancellationToken) =>
        await editor.ArchiveAsync(id, archive, ProductFormPage.Actor(User), cancellationToken)
            ? RedirectToPage(new { id, saved = true })
            : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await db.Products.AsNoTracking().Include(p => p.Prices).Include(p => p.Category)
                .FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } product)
            return false;
        Product = product;
        StockForm.SeenStock = product.Stock;
        Categories = await ProductFormPage.CategoriesAsync(db, cancellationToken);
        History = await db.ProductEvents.AsNoTracking().Where(e => e.ProductId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(HistoryLimit).ToListAsync(cancellationToken);
        return true;
    }
}

/// <summary>Set the stock to a count, or add or remove units; always with a reason, which goes on the history.</summary>
public sealed class StockForm
{
    [Required(ErrorMessage = "Choose set, add or remove.")]
    [EnumDataType(typeof(StockChange), ErrorMessage = "Choose set, add or remove.")]
    public StockChange? Change { get; set; }

    [Required(ErrorMessage = "Give a number of units.")]
    [Range(0, 1_000_000, ErrorMessage = "Stock is a number from {1} to {2}.")]
    public int? Quantity { get; set; }

    /// <summary>The stock the page showed: a count is refused when orders moved it since.</summary>
    [Range(0, int.MaxValue)]
    public int SeenStock { get; set; }

    [Required(ErrorMessage = "Say why the stock changes.")]
    [StringLength(200, ErrorMessage = "A reason has at most {1} characters.")]
    public string? Reason { get; set; }
}
