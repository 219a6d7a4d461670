using System.ComponentModel.DataAnnotations;

namespace Storefront.Catalog;

/// <summary>Limits on an uploaded product picture (<c>Pictures:MaxBytes</c>, <c>Pictures:MaxMegapixels</c>).</summary>
public sealed class PictureOptions
{
    public const string Section = "Pictures";

    [Range(1024, 100 * 1024 * 1024, ErrorMessage = "Pictures:MaxBytes must be between 1 KiB and 100 MiB.")]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    [Range(1, 200, ErrorMessage = "Pictures:MaxMegapixels must be between 1 and 200.")]
    public int MaxMegapixels { get; set; } = 40;

    public long MaxPixels => MaxMegapixels * 1_000_000L;
}
