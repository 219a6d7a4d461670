namespace Storefront.Catalog;

/// <summary>The sizes pages show a picture at; every upload is re-encoded to each, as a square of <see cref="PictureSizes.Pixels"/>.</summary>
public enum PictureSize
{
    /// <summary>Cart lines and admin lists.</summary>
    Thumb,
    /// <summary>Product cards in lists, shown at 200 CSS pixels (400 for sharp screens).</summary>
    Card,
    /// <summary>The product page, shown at 400 CSS pixels (800 for sharp screens).</summary>
    Page,
}

public static class PictureSizes
{
    public static readonly IReadOnlyList<PictureSize> All = [PictureSize.Thumb, PictureSize.Card, PictureSize.Page];

    public static int Pixels(this PictureSize size) => size switch
    {
        PictureSize.Thumb => 96,
        PictureSize.Card => 400,
        PictureSize.Page => 800,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };

    /// <summary>The URL word of a size (<c>card</c> in <c>/pictures/{hash}-card.webp</c>).</summary>
    public static string Word(this PictureSize size) => size.ToString().ToLowerInvariant();

    public static PictureSize? FromWord(string word) =>
        All.Cast<PictureSize?>().FirstOrDefault(s => s!.Value.Word() == word);
}
