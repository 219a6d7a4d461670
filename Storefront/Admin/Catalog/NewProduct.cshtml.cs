using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>A new product: saved unpublished unless the merchandiser ticks "published", with its first stock.</summary>
public sealed class NewProductModel(StorefrontDbContext db, CatalogEditor editor, IStringLocalizer<SharedResource> localizer)
    : PageModel, IProductFormPage
{
    [BindProperty(Name = ProductFormPage.FormPrefix)]
    public ProductForm Form { get; set; } = new() { Prices = Market.Currencies.ToDictionary(c => c, _ => (string?)null) };

    [BindProperty]
    [Range(0, 1_000_000, ErrorMessage = "Stock is a number from {1} to {2}.")]
    public int Stock { get; set; }

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Categories = await ProductFormPage.CategoriesAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await ProductFormPage.DetailsAsync(Form, db, ModelState, localizer, cancellationToken) is { } details)
        {
            var outcome = await editor.CreateAsync(details, Stock, string.IsNullOrWhiteSpace(Form.Slug), ProductFormPage.Actor(User), cancellationToken);
            if (outcome is EditOutcome.Saved saved)
                return RedirectToPage("/Admin/Catalog/EditProduct", new { id = saved.Product.Id, saved = true });
            if (outcome is EditOutcome.Refused refused)
                ProductFormPage.Refuse(ModelState, refused, localizer);
        }
        Categories = await ProductFormPage.CategoriesAsync(db, cancellationToken);
        return Page();
    }
}
