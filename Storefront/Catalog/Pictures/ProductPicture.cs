using Storefront.Localization;

namespace Storefront.Catalog;

/// <summary>
/// One picture of a product, in the order the merchandiser gave (<see cref="Position"/>, the first is the cover), with
/// its alt text in both languages. Its files (<see cref="ProductPictureFile"/>, one per size) sit in a table of their
/// own so that loading a product's pictures never loads their bytes.
/// </summary>
public sealed class ProductPicture
{
    public const int AltMaxLength = 200;
    public const int HashLength = 32;

    private readonly List<ProductPictureFile> _files = [];

    // For EF Core.
    private ProductPicture()
    {
        Hash = "";
        Alt = null!;
    }

    internal ProductPicture(ProcessedPicture.Accepted picture, LocalizedText alt, int position)
    {
        Hash = picture.Hash;
        Alt = alt.Require(AltMaxLength, nameof(alt));
        Position = position;
        _files.AddRange(picture.Files.Select(f => new ProductPictureFile(f.Key, f.Value)));
    }

    public int Id { get; private set; }

    public int ProductId { get; private set; }

    public int Position { get; internal set; }

    /// <summary>What the picture shows, for readers who cannot see it (columns <c>AltKo</c>, <c>AltEn</c>).</summary>
    public LocalizedText Alt { get; internal set; }

    /// <summary>The content hash its URLs carry: new content, new URLs, so a cached copy is never stale.</summary>
    public string Hash { get; private set; }

    /// <summary>Only filled when the picture is added; read through <see cref="PictureStore"/>.</summary>
    public IReadOnlyCollection<ProductPictureFile> Files => _files;

    public string Url(PictureSize size) => PictureUrls.Of(Hash, size);
}

/// <summary>The bytes of one size of a picture (WebP).</summary>
public sealed class ProductPictureFile
{
    // For EF Core.
    private ProductPictureFile() => Bytes = [];

    internal ProductPictureFile(PictureSize size, byte[] bytes)
    {
        Size = size;
        Bytes = bytes;
    }

    public int PictureId { get; private set; }

    public PictureSize Size { get; private set; }

    public byte[] Bytes { get; private set; }
}

public static class PictureUrls
{
    public const string Prefix = "/pictures/";

    public static string Of(string hash, PictureSize size) => $"{Prefix}{hash}-{size.Word()}.{PictureProcessor.Extension}";

    /// <summary>A product without pictures still shows its drawing from wwwroot (the demo catalog's), by its slug.</summary>
    public static string Of(string? hash, PictureSize size, string slug) =>
        hash is null ? $"/images/products/{slug}.svg" : Of(hash, size);
}
