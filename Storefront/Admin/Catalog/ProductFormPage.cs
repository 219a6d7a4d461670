using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Localization;

namespace Storefront.Admin;

/// <summary>What the product form partial shows: the form and the categories to choose from.</summary>
public interface IProductFormPage
{
    ProductForm Form { get; }

    IReadOnlyList<Category> Categories { get; }
}

/// <summary>What the new-product and edit pages share.</summary>
internal static class ProductFormPage
{
    public const string FormPrefix = "Form";

    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "merchandiser";

    public static async Task<IReadOnlyList<Category>> CategoriesAsync(StorefrontDbContext db, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>The form's details, or null with its problems in <paramref name="modelState"/> (an unknown category is one).</summary>
    public static async Task<ProductDetails?> DetailsAsync(ProductForm form, StorefrontDbContext db, ModelStateDictionary modelState,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var category = modelState.IsValid ? await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == form.CategoryId, cancellationToken) : null;
        if (category is null)
            modelState.AddModelError($"{FormPrefix}.{nameof(ProductForm.CategoryId)}", localizer["Choose a category."]);
        return category is null ? null : form.ToDetails(category, modelState, FormPrefix, localizer);
    }

    public static void Refuse(ModelStateDictionary modelState, EditOutcome.Refused refused, IStringLocalizer<SharedResource> localizer) =>
        modelState.AddModelError($"{FormPrefix}.{refused.Field}", localizer[refused.Message]);
}
