namespace Storefront.Catalog;

public enum CategoryEventKind
{
    Created,
    Renamed,
    Moved,
    Hidden,
    Shown,
    Deleted,
}

/// <summary>
/// One line of the categories' audit: who (a merchandiser's e-mail), when, and what changed. It names the category by
/// id and by its slug at the time, and has no foreign key: the line of a deleted category stays.
/// </summary>
public sealed class CategoryEvent
{
    public const int NoteMaxLength = 1000;

    public CategoryEvent(Category category, CategoryEventKind kind, string actor, DateTime at, string? note = null)
    {
        CategoryId = category.Id;
        Slug = category.Slug;
        Kind = kind;
        Actor = actor.Length > ProductEvent.ActorMaxLength ? actor[..ProductEvent.ActorMaxLength] : actor;
        At = at;
        // The category's version once this change is saved: an editor who loaded an older one is told what changed since.
        Version = category.Version + 1;
        Note = note is { Length: > NoteMaxLength } ? note[..NoteMaxLength] : note;
    }

    // For EF Core.
    private CategoryEvent()
    {
        Slug = "";
        Actor = "";
    }

    public long Id { get; private set; }

    /// <summary>Zero until a new category is saved; <see cref="CategoryEditor"/> fills it in then.</summary>
    public int CategoryId { get; internal set; }

    public string Slug { get; private set; }

    public CategoryEventKind Kind { get; private set; }

    public string Actor { get; private set; }

    public DateTime At { get; private set; }

    public long Version { get; private set; }

    /// <summary>What changed, one field per line ("Name (en): Tea → Teas"), as the product history writes it.</summary>
    public string? Note { get; private set; }
}
