using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Localization;

namespace Storefront.Catalog;

/// <summary>What a merchandiser does to a product's pictures.</summary>
public abstract record PictureChange
{
    public sealed record Add(ProcessedPicture.Accepted Picture, LocalizedText Alt) : PictureChange;

    public sealed record Move(int PictureId, int Offset) : PictureChange;

    public sealed record EditAlt(int PictureId, LocalizedText Alt) : PictureChange;

    public sealed record Remove(int PictureId) : PictureChange;
}

public sealed partial class CatalogEditor
{
    /// <summary>
    /// Adds, moves, re-words or removes a picture, refused like a product edit when someone else edited the product
    /// since <paramref name="seenVersion"/>; each change writes a line on the product's history.
    /// </summary>
    public Task<EditOutcome> ChangePicturesAsync(int id, long seenVersion, PictureChange change, string actor, CancellationToken cancellationToken) =>
        db.UnitOfWorkAsync<EditOutcome>(async () =>
        {
            if (await db.Products.Include(p => p.Pictures).FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } product)
                return new EditOutcome.NotFound();
            if (await ConflictAsync(product, seenVersion, cancellationToken) is { } conflict)
                return conflict;
            var applied = change switch
            {
                PictureChange.Add add => product.AddPicture(add.Picture, add.Alt, actor, Now) is not null,
                PictureChange.Move move => product.MovePicture(move.PictureId, move.Offset, actor, Now),
                PictureChange.EditAlt edit => product.EditPictureAlt(edit.PictureId, edit.Alt, actor, Now),
                PictureChange.Remove remove => product.RemovePicture(remove.PictureId, actor, Now) is not null,
                _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
            };
            if (!applied)
                return new EditOutcome.NotFound();
            await db.SaveChangesAsync(cancellationToken);
            return new EditOutcome.Saved(product);
        });
}
