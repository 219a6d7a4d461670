using Storefront.Data;
using Storefront.Localization;

namespace Storefront.Catalog;

/// <summary>
/// A shelf of the shop; <see cref="SortOrder"/> decides where it stands in menus and listings. A category is never
/// deleted once it has products, only hidden: its products keep their shelf for the orders and links that name them.
/// </summary>
public sealed class Category : IVersioned
{
    public const int SlugMaxLength = 80;
    public const int NameMaxLength = 80;

    // For EF Core, which sets the properties itself.
    private Category()
    {
        Slug = "";
        Names = null!;
    }

    public Category(string slug, LocalizedText names, int sortOrder)
    {
        ArgumentNullException.ThrowIfNull(names);
        Slug = Slugs.Require(slug, SlugMaxLength);
        Names = names.Require(NameMaxLength, nameof(names));
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public string Slug { get; private set; }

    /// <summary>The category's name in Korean and English (columns <c>NameKo</c>, <c>NameEn</c>).</summary>
    public LocalizedText Names { get; private set; }

    /// <summary>The name in the language of the request being answered, else in the other.</summary>
    public string Name => Names.ToString();

    public int SortOrder { get; private set; }

    /// <summary>Left out of the shop's category menu and filter; its products are still sold.</summary>
    public bool IsHidden { get; private set; }

    public long Version { get; set; }

    public void Rename(LocalizedText names) => Names = names.Require(NameMaxLength, nameof(names));

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    public void Hide(bool hidden) => IsHidden = hidden;
}
