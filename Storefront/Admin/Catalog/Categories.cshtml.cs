using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Localization;

namespace Storefront.Admin;

/// <summary>
/// The shop's categories in menu order with their product counts: create, rename, move up or down, hide or show, and
/// delete an empty one; every change goes through <see cref="CategoryEditor"/> under the version the row was read at,
/// and the latest changes are listed below.
/// </summary>
public sealed class CategoriesModel(StorefrontDbContext db, CategoryEditor editor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int HistoryLimit = 100;

    public IReadOnlyList<CategoryRow> Rows { get; private set; } = [];

    public IReadOnlyList<CategoryEvent> History { get; private set; } = [];

    /// <summary>Changes saved by someone else since the page was opened, when they refused this merchandiser's.</summary>
    public IReadOnlyList<CategoryEvent> Conflicting { get; private set; } = [];

    public CategoryForm Form { get; private set; } = new();

    public string? Notice { get; private set; }

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Notice = saved ? localizer["Saved."].Value : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync([Bind(Prefix = nameof(Form))] CategoryForm form, CancellationToken cancellationToken)
    {
        Form = form;
        if (ModelState.IsValid)
        {
            var names = new LocalizedText(Form.NameKo, Form.NameEn);
            var generated = string.IsNullOrWhiteSpace(Form.Slug);
            var slug = generated ? CategoryEditor.SlugFrom(names) : Form.Slug!;
            if (await ShowAsync(await editor.CreateAsync(names, slug, generated, ProductFormPage.Actor(User), cancellationToken)) is { } done)
                return done;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, long version, [Bind(Prefix = "Rename")] RenameForm rename, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Refusal = string.Join(' ', ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct());
            await LoadAsync(cancellationToken);
            return Page();
        }
        return await ResultAsync(await editor.RenameAsync(id, version, new LocalizedText(rename.NameKo, rename.NameEn), ProductFormPage.Actor(User),
            cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostUpAsync(int id, long version, CancellationToken cancellationToken) =>
        await ResultAsync(await editor.MoveAsync(id, version, up: true, ProductFormPage.Actor(User), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDownAsync(int id, long version, CancellationToken cancellationToken) =>
        await ResultAsync(await editor.MoveAsync(id, version, up: false, ProductFormPage.Actor(User), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostHideAsync(int id, long version, CancellationToken cancellationToken) =>
        await ResultAsync(await editor.HideAsync(id, version, hidden: true, ProductFormPage.Actor(User), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostShowAsync(int id, long version, CancellationToken cancellationToken) =>
        await ResultAsync(await editor.HideAsync(id, version, hidden: false, ProductFormPage.Actor(User), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(int id, long version, CancellationToken cancellationToken) =>
        await ResultAsync(await editor.DeleteAsync(id, version, ProductFormPage.Actor(User), cancellationToken), cancellationToken);

    private async Task<IActionResult> ResultAsync(CategoryOutcome outcome, CancellationToken cancellationToken)
    {
        if (await ShowAsync(outcome) is { } done)
            return done;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The redirect of a saved change, a 404, or null with the refusal or conflict set for the page.</summary>
    private Task<IActionResult?> ShowAsync(CategoryOutcome outcome)
    {
        IActionResult? result = null;
        switch (outcome)
        {
            case CategoryOutcome.Saved:
                result = RedirectToPage(new { saved = true });
                break;
            case CategoryOutcome.NotFound:
                result = NotFound();
                break;
            case CategoryOutcome.Refused { Field: "Slug" } refused:
                ModelState.AddModelError($"{nameof(Form)}.{nameof(CategoryForm.Slug)}", localizer[refused.Message]);
                break;
            case CategoryOutcome.Refused refused:
                Refusal = localizer[refused.Message];
                break;
            case CategoryOutcome.Conflict conflict:
                Conflicting = conflict.Since;
                break;
        }
        return Task.FromResult(result);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var counts = await db.Products.GroupBy(p => p.CategoryId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Rows = (await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken))
            .Select((c, i) => new CategoryRow(c, i + 1, counts.GetValueOrDefault(c.Id))).ToList();
        History = await db.CategoryEvents.AsNoTracking().OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(HistoryLimit)
            .ToListAsync(cancellationToken);
    }
}

/// <summary>A category as listed: its place in the menu (1 first) and how many products it holds, archived ones included.</summary>
public sealed record CategoryRow(Category Category, int Position, int ProductCount);

/// <summary>A new category: both names (the menus show either language), and a slug made from the English name when left empty.</summary>
public sealed class CategoryForm
{
    [Required(ErrorMessage = "Give the category a name in Korean.")]
    [StringLength(Category.NameMaxLength, ErrorMessage = "A name has at most {1} characters.")]
    public string? NameKo { get; set; }

    [Required(ErrorMessage = "Give the category a name in English.")]
    [StringLength(Category.NameMaxLength, ErrorMessage = "A name has at most {1} characters.")]
    public string? NameEn { get; set; }

    [StringLength(Category.SlugMaxLength, ErrorMessage = "A slug has at most {1} characters.")]
    [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "A slug is lower-case letters and digits joined by single hyphens.")]
    public string? Slug { get; set; }
}

public sealed class RenameForm
{
    [Required(ErrorMessage = "Give the category a name in Korean.")]
    [StringLength(Category.NameMaxLength, ErrorMessage = "A name has at most {1} characters.")]
    public string? NameKo { get; set; }

    [Required(ErrorMessage = "Give the category a name in English.")]
    [StringLength(Category.NameMaxLength, ErrorMessage = "A name has at most {1} characters.")]
    public string? NameEn { get; set; }
}
