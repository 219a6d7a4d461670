using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Localization;

namespace Storefront.Catalog;

/// <summary>
/// The merchandiser's changes to the categories, each one unit of work that reads, checks and saves, with a line on
/// <see cref="CategoryEvent"/>. Positions stay 1, 2, 3 … in menu order: every change that moves one renumbers the
/// rest. A change made from an older version than the category's is refused when someone saved a change to it since
/// (renumbering after another category moved is not one); the merchandiser is shown those changes.
/// </summary>
public sealed class CategoryEditor(StorefrontDbContext db, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A slug from the English name (else the Korean one, else "category").</summary>
    public static string SlugFrom(LocalizedText names) => Slugs.From(names.En ?? names.Ko, Category.SlugMaxLength - 4, "category");

    public Task<CategoryOutcome> CreateAsync(LocalizedText names, string slug, bool generatedSlug, string actor, CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync<CategoryOutcome>(async () =>
        {
            if (generatedSlug)
                slug = await FreeSlugAsync(slug, cancellationToken);
            else if (await db.Categories.AnyAsync(c => c.Slug == slug, cancellationToken))
                return new CategoryOutcome.Refused("Slug", "Another category has this slug.");
            var ordered = await InMenuOrderAsync(cancellationToken);
            var category = new Category(slug, names, ordered.Count + 1);
            // Two saves (the line names the id the first one gives), one transaction: never a category without its line.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Categories.Add(category);
            await db.SaveChangesAsync(cancellationToken);
            db.CategoryEvents.Add(new CategoryEvent(category, CategoryEventKind.Created, actor, Now, $"{Names(names)}\nSlug: {slug}") { CategoryId = category.Id });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new CategoryOutcome.Saved(category);
        }, RetryOn.ConflictOrDuplicate);

    public Task<CategoryOutcome> RenameAsync(int id, long seenVersion, LocalizedText names, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, seenVersion, (category, _) =>
        {
            var changes = new List<string>();
            if (category.Names.Ko != names.Ko)
                changes.Add($"Name (ko): {category.Names.Ko} → {names.Ko}");
            if (category.Names.En != names.En)
                changes.Add($"Name (en): {category.Names.En} → {names.En}");
            if (changes.Count == 0)
                return;
            db.CategoryEvents.Add(new CategoryEvent(category, CategoryEventKind.Renamed, actor, Now, string.Join('\n', changes)));
            category.Rename(names);
        }, cancellationToken);

    /// <summary>One place up (<paramref name="up"/>) or down the menu: it swaps with its neighbour; at either end nothing moves.</summary>
    public Task<CategoryOutcome> MoveAsync(int id, long seenVersion, bool up, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, seenVersion, (category, ordered) =>
        {
            var index = ordered.FindIndex(c => c.Id == category.Id);
            var other = index + (up ? -1 : 1);
            if (other < 0 || other >= ordered.Count)
                return;
            (ordered[index], ordered[other]) = (ordered[other], ordered[index]);
            foreach (var moved in new[] { ordered[index], ordered[other] })
            {
                var position = ordered.IndexOf(moved) + 1;
                db.CategoryEvents.Add(new CategoryEvent(moved, CategoryEventKind.Moved, actor, Now, $"Position: {moved.SortOrder} → {position}"));
            }
            Renumber(ordered);
        }, cancellationToken);

    public Task<CategoryOutcome> HideAsync(int id, long seenVersion, bool hidden, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, seenVersion, (category, _) =>
        {
            if (category.IsHidden == hidden)
                return;
            db.CategoryEvents.Add(new CategoryEvent(category, hidden ? CategoryEventKind.Hidden : CategoryEventKind.Shown, actor, Now));
            category.Hide(hidden);
        }, cancellationToken);

    /// <summary>Only an empty category goes (archived products count: their orders name the shelf); one with products is refused.</summary>
    public Task<CategoryOutcome> DeleteAsync(int id, long seenVersion, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, seenVersion, (category, ordered) =>
        {
            db.CategoryEvents.Add(new CategoryEvent(category, CategoryEventKind.Deleted, actor, Now, Names(category.Names)));
            db.Categories.Remove(category);
            ordered.Remove(category);
            Renumber(ordered);
        }, cancellationToken, async category =>
            await db.Products.AnyAsync(p => p.CategoryId == category.Id, cancellationToken)
                ? new CategoryOutcome.Refused("", "This category has products, so it cannot be deleted: hide it instead.")
                : null);

    private Task<CategoryOutcome> ChangeAsync(int id, long seenVersion, Action<Category, List<Category>> change, CancellationToken cancellationToken,
        Func<Category, Task<CategoryOutcome.Refused?>>? refusal = null) =>
        db.UnitOfWorkAsync<CategoryOutcome>(async () =>
        {
            var ordered = await InMenuOrderAsync(cancellationToken);
            if (ordered.Find(c => c.Id == id) is not { } category)
                return new CategoryOutcome.NotFound();
            if (category.Version != seenVersion)
            {
                var since = await db.CategoryEvents.AsNoTracking().Where(e => e.CategoryId == id && e.Version > seenVersion)
                    .OrderBy(e => e.Version).ThenBy(e => e.Id).ToListAsync(cancellationToken);
                if (since.Count > 0)
                    return new CategoryOutcome.Conflict(category, since);
            }
            if (refusal is not null && await refusal(category) is { } refused)
                return refused;
            change(category, ordered);
            await db.SaveChangesAsync(cancellationToken);
            return new CategoryOutcome.Saved(category);
        }, RetryOn.Conflict);

    private async Task<List<Category>> InMenuOrderAsync(CancellationToken cancellationToken)
    {
        var ordered = await db.Categories.OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        Renumber(ordered);
        return ordered;
    }

    private static void Renumber(List<Category> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].SortOrder != i + 1)
                ordered[i].MoveTo(i + 1);
        }
    }

    private async Task<string> FreeSlugAsync(string wanted, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var slug = n == 1 ? wanted : $"{wanted}-{n}";
            if (!await db.Categories.AnyAsync(c => c.Slug == slug, cancellationToken))
                return slug;
        }
    }

    private static string Names(LocalizedText names) => $"Name (ko): {names.Ko}\nName (en): {names.En}";
}

public abstract record CategoryOutcome
{
    public sealed record Saved(Category Category) : CategoryOutcome;

    /// <summary>The form is fine but the categories refuse it (a slug taken, products in it); <see cref="Field"/> is the form field, or empty.</summary>
    public sealed record Refused(string Field, string Message) : CategoryOutcome;

    /// <summary>Someone saved these changes to the category since the page was opened; nothing was saved.</summary>
    public sealed record Conflict(Category Current, IReadOnlyList<CategoryEvent> Since) : CategoryOutcome;

    public sealed record NotFound : CategoryOutcome;
}
