using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Storefront.Catalog;

/// <summary>What became of an upload: its re-encoded sizes, or why it was refused (an English text, the resource key).</summary>
public abstract record ProcessedPicture
{
    public sealed record Accepted(string Hash, IReadOnlyDictionary<PictureSize, byte[]> Files) : ProcessedPicture;

    public sealed record Refused(string Reason) : ProcessedPicture;
}

/// <summary>
/// Turns an upload into the shop's own files. The content decides what it is (Skia's decoder reads the bytes, never the
/// name or the browser's content type); only JPEG, PNG and WebP pass. The header's dimensions are checked before the
/// pixels are decoded, so a small file that unpacks into a huge image (a decompression bomb) is refused cheaply. Each
/// size is drawn anew, turned upright by the EXIF orientation, cropped to a centred square and encoded as WebP: the
/// encoder writes pixels only, so EXIF, GPS and colour-profile blocks of the upload do not survive.
/// </summary>
public sealed class PictureProcessor(IOptionsMonitor<PictureOptions> options)
{
    public const string ContentType = "image/webp";
    public const string Extension = "webp";
    private const int Quality = 82;

    public static readonly string NotAPicture = "This file is not a JPEG, PNG or WebP picture.";
    public static readonly string Broken = "This picture is damaged or incomplete.";
    public static readonly string TooLarge = "A picture may be at most {0} MB.";
    public static readonly string TooManyPixels = "A picture may have at most {0} megapixels.";
    public static readonly string TooSmall = "A picture needs at least {0} × {0} pixels.";

    public const int MinimumPixels = 96;

    public long MaxBytes => options.CurrentValue.MaxBytes;

    public ProcessedPicture Process(ReadOnlySpan<byte> upload)
    {
        var limits = options.CurrentValue;
        if (upload.Length > limits.MaxBytes)
            return new ProcessedPicture.Refused(TooLarge);
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
            return new ProcessedPicture.Refused(NotAPicture);
        var info = codec.Info;
        if ((long)info.Width * info.Height > limits.MaxPixels)
            return new ProcessedPicture.Refused(TooManyPixels);
        if (Math.Min(info.Width, info.Height) < MinimumPixels)
            return new ProcessedPicture.Refused(TooSmall);

        using var decoded = Decode(codec);
        if (decoded is null)
            return new ProcessedPicture.Refused(Broken);
        var upright = codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? decoded : Upright(decoded, codec.EncodedOrigin);
        try
        {
            return Accept(upright);
        }
        finally
        {
            if (upright != decoded)
                upright.Dispose();
        }
    }

    /// <summary>The shop's files of an upright picture (an upload's, or one the demo seed drew).</summary>
    public static ProcessedPicture.Accepted Accept(SKImage upright)
    {
        var files = PictureSizes.All.ToDictionary(size => size, size => Encode(upright, size.Pixels()));
        return new ProcessedPicture.Accepted(HashOf(files[PictureSize.Page]), files);
    }

    /// <summary>The URL hash of a picture: the first 128 bits of its largest file's SHA-256, in hex.</summary>
    public static string HashOf(byte[] pageFile) => Convert.ToHexStringLower(SHA256.HashData(pageFile))[..32];

    /// <summary>Draws <paramref name="source"/> cropped to a centred square of <paramref name="pixels"/> and encodes it.</summary>
    public static byte[] Encode(SKImage source, int pixels)
    {
        var side = Math.Min(source.Width, source.Height);
        var crop = SKRect.Create((source.Width - side) / 2f, (source.Height - side) / 2f, side, side);
        using var surface = SKSurface.Create(new SKImageInfo(pixels, pixels, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using var paint = new SKPaint();
        surface.Canvas.DrawImage(source, crop, SKRect.Create(pixels, pixels), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        using var image = surface.Snapshot();
        using var encoded = image.Encode(SKEncodedImageFormat.Webp, Quality);
        return encoded.ToArray();
    }

    // A JPEG decodes straight at a fraction of its size when that still covers the largest square we make.
    private static SKImage? Decode(SKCodec codec)
    {
        var info = codec.Info;
        var needed = (float)PictureSize.Page.Pixels() / Math.Min(info.Width, info.Height);
        var dimensions = codec.GetScaledDimensions(Math.Min(1f, needed));
        if (Math.Min(dimensions.Width, dimensions.Height) < Math.Min(PictureSize.Page.Pixels(), Math.Min(info.Width, info.Height)))
            dimensions = info.Size;
        var target = new SKImageInfo(dimensions.Width, dimensions.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }
        bitmap.SetImmutable();
        var image = SKImage.FromBitmap(bitmap);
        bitmap.Dispose();
        return image;
    }

    private static SKImage Upright(SKImage image, SKEncodedOrigin origin)
    {
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (width, height) = swaps ? (image.Height, image.Width) : (image.Width, image.Height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.SetMatrix(OriginMatrix(origin, image.Width, image.Height));
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default, null);
        return surface.Snapshot();
    }

    // The EXIF orientations as the transform that brings the stored pixels upright (w, h: the stored size).
    private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
