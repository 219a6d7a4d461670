using Storefront.Localization;

namespace Storefront.Catalog;

public sealed partial class Product
{
    private readonly List<ProductPicture> _pictures = [];

    /// <summary>In the merchandiser's order; the first is the cover. Loaded only where pictures are shown or edited.</summary>
    public IReadOnlyCollection<ProductPicture> Pictures => _pictures;

    /// <summary>The hash of the cover picture, kept on the product so that lists show it without reading the pictures.</summary>
    public string? CoverHash { get; private set; }

    /// <summary>The cover at the size of a product card, or the drawing named by the slug.</summary>
    public string ImagePath => PictureUrls.Of(CoverHash, PictureSize.Card, Slug);

    public string ThumbnailPath => PictureUrls.Of(CoverHash, PictureSize.Thumb, Slug);

    public string PagePicturePath => PictureUrls.Of(CoverHash, PictureSize.Page, Slug);

    public ProductPicture AddPicture(ProcessedPicture.Accepted processed, LocalizedText alt, string actor, DateTime now)
    {
        var picture = new ProductPicture(processed, alt, _pictures.Count == 0 ? 0 : _pictures.Max(p => p.Position) + 1);
        _pictures.Add(picture);
        PicturesChanged(ProductEventKind.PictureAdded, actor, now, $"{processed.Hash[..8]}: {alt.Ko} / {alt.En}");
        return picture;
    }

    /// <summary>Moves a picture one place earlier (<paramref name="offset"/> −1) or later (+1); false when there is no such picture.</summary>
    public bool MovePicture(int pictureId, int offset, string actor, DateTime now)
    {
        var ordered = _pictures.OrderBy(p => p.Position).ThenBy(p => p.Id).ToList();
        var index = ordered.FindIndex(p => p.Id == pictureId);
        if (index < 0)
            return false;
        var target = index + Math.Sign(offset);
        if (target < 0 || target >= ordered.Count || target == index)
            return true;
        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
            ordered[i].Position = i;
        PicturesChanged(ProductEventKind.PictureMoved, actor, now, $"{ordered[target].Hash[..8]}: {index + 1} → {target + 1}");
        return true;
    }

    public bool EditPictureAlt(int pictureId, LocalizedText alt, string actor, DateTime now)
    {
        if (_pictures.FirstOrDefault(p => p.Id == pictureId) is not { } picture)
            return false;
        alt = alt.Require(ProductPicture.AltMaxLength, nameof(alt));
        if (picture.Alt == alt)
            return true;
        var note = $"{picture.Hash[..8]}: {picture.Alt.Ko} / {picture.Alt.En} → {alt.Ko} / {alt.En}";
        picture.Alt = alt;
        PicturesChanged(ProductEventKind.PictureEdited, actor, now, note);
        return true;
    }

    public ProductPicture? RemovePicture(int pictureId, string actor, DateTime now)
    {
        if (_pictures.FirstOrDefault(p => p.Id == pictureId) is not { } picture)
            return null;
        _pictures.Remove(picture);
        PicturesChanged(ProductEventKind.PictureRemoved, actor, now, $"{picture.Hash[..8]}: {picture.Alt.Ko} / {picture.Alt.En}");
        return picture;
    }

    private void PicturesChanged(ProductEventKind kind, string actor, DateTime now, string note)
    {
        CoverHash = _pictures.OrderBy(p => p.Position).ThenBy(p => p.Id).FirstOrDefault()?.Hash;
        _history.Add(new ProductEvent(kind, actor, now, Version + 1) { Note = note });
    }
}
