namespace Storefront.Catalog;

/// <summary>A shelf of the shop; <see cref="SortOrder"/> decides where it stands in menus and listings.</summary>
public sealed class Category
{
    public const int SlugMaxLength = 80;
    public const int NameMaxLength = 80;

    public Category(string slug, string name, int sortOrder)
    {
        Slug = Slugs.Require(slug, SlugMaxLength);
        Name = Require(name);
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public string Slug { get; private set; }

    public string Name { get; private set; }

    public int SortOrder { get; private set; }

    private static string Require(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > NameMaxLength
            ? throw new ArgumentException($"A category name needs 1 to {NameMaxLength} characters.", nameof(name))
            : name.Trim();
}
