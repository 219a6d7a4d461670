using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Storefront.Data;

namespace Storefront.Catalog;

/// <summary>
/// <c>/pictures/{hash}-{size}.webp</c>: a picture's file from the database, which every node reads. The URL names the
/// content, so the answer never changes: browsers and proxies keep it for a year without asking again, and a client
/// that does ask with the ETag gets 304. An unknown hash or size is 404.
/// </summary>
public static class PictureEndpoint
{
    public const string CacheControl = "public, max-age=31536000, immutable";

    public static WebApplication MapPictures(this WebApplication app)
    {
        app.MapGet(PictureUrls.Prefix + "{file}", ServeAsync);
        return app;
    }

    private static async Task<IResult> ServeAsync(string file, HttpContext context, StorefrontDbContext db)
    {
        if (Parse(file) is not var (hash, size))
            return Results.NotFound();
        var etag = new EntityTagHeaderValue($"\"{hash}-{size.Word()}\"");
        var bytes = await db.ProductPictureFiles.AsNoTracking()
            .Where(f => f.Size == size && db.ProductPictures.Any(p => p.Id == f.PictureId && p.Hash == hash))
            .Select(f => f.Bytes).FirstOrDefaultAsync(context.RequestAborted);
        if (bytes is null)
            return Results.NotFound();
        context.Response.Headers.CacheControl = CacheControl;
        return Results.Bytes(bytes, PictureProcessor.ContentType, entityTag: etag);
    }

    /// <summary>The hash and size a file name asks for, or null when it is not one of ours.</summary>
    public static (string Hash, PictureSize Size)? Parse(string file)
    {
        var suffix = "." + PictureProcessor.Extension;
        if (!file.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        var dash = file.IndexOf('-');
        if (dash != ProductPicture.HashLength)
            return null;
        var hash = file[..dash];
        if (!hash.All(char.IsAsciiHexDigitLower))
            return null;
        return PictureSizes.FromWord(file[(dash + 1)..^suffix.Length]) is { } size ? (hash, size) : null;
    }
}
