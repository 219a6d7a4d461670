namespace Storefront.Catalog;

public enum ProductEventKind
{
    Created,
    Edited,
    StockAdjusted,
    /// <summary>Units reserved by an order when it was placed.</summary>
    Sold,
    /// <summary>Units an order gave back: it expired, its payment failed or it was cancelled.</summary>
    Released,
    Archived,
    Restored,
    PictureAdded,
    PictureMoved,
    PictureEdited,
    PictureRemoved,
}

/// <summary>
/// One line of a product's history: who (a merchandiser's e-mail, or <see cref="System"/> for what orders do), when,
/// the stock before and after, and why. It doubles as the audit of the merchandisers' catalog changes.
/// </summary>
public sealed class ProductEvent
{
    public const string System = "system";
    public const int ActorMaxLength = 256;
    public const int NoteMaxLength = 4000;

    internal ProductEvent(ProductEventKind kind, string actor, DateTime at, long version)
    {
        Kind = kind;
        Actor = actor.Length > ActorMaxLength ? actor[..ActorMaxLength] : actor;
        At = at;
        Version = version;
    }

    public long Id { get; private set; }

    public int ProductId { get; private set; }

    public ProductEventKind Kind { get; private set; }

    public string Actor { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The product's version once the change is saved: an editor who loaded an older one can be told what changed since.</summary>
    public long Version { get; private set; }

    public int? StockBefore { get; init; }

    public int? StockAfter { get; init; }

    public string? OrderNumber { get; init; }

    /// <summary>The reason given, or for an edit the fields changed, one per line ("Slug: old → new").</summary>
    public string? Note
    {
        get;
        init => field = value is { Length: > NoteMaxLength } ? value[..NoteMaxLength] : value;
    }
}

/// <summary>A slug the product answered to before: shared links to it answer 301 to the product's slug now.</summary>
public sealed class ProductSlugRedirect
{
    public ProductSlugRedirect(string slug, int productId)
    {
        Slug = slug;
        ProductId = productId;
    }

    public int Id { get; private set; }

    public string Slug { get; private set; }

    public int ProductId { get; private set; }
}
