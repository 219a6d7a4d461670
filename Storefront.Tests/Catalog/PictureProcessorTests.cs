using Microsoft.Extensions.Options;
using SkiaSharp;
using Storefront.Catalog;

namespace Storefront.Tests.Catalog;

/// <summary>Uploads are judged by their content, re-encoded to each size as WebP, and refused when they are anything else.</summary>
public sealed class PictureProcessorTests
{
    private static PictureProcessor Processor(long maxBytes = 10 * 1024 * 1024, int maxMegapixels = 40) =>
        new(new StaticOptions(new PictureOptions { MaxBytes = maxBytes, MaxMegapixels = maxMegapixels }));

    internal static byte[] Drawn(SKEncodedImageFormat format, int width = 1200, int height = 900, SKColor? colour = null)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(colour ?? SKColors.SeaGreen);
        using var paint = new SKPaint { Color = SKColors.Gold };
        surface.Canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void A_JPEG_PNG_or_WebP_becomes_a_WebP_square_at_each_size(SKEncodedImageFormat format)
    {
        var accepted = Assert.IsType<ProcessedPicture.Accepted>(Processor().Process(Drawn(format)));

        Assert.Equal(PictureSizes.All.Order(), accepted.Files.Keys.Order());
        foreach (var (size, bytes) in accepted.Files)
        {
            using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
            Assert.Equal(SKEncodedImageFormat.Webp, codec.EncodedFormat);
            Assert.Equal((size.Pixels(), size.Pixels()), (codec.Info.Width, codec.Info.Height));
            // A WebP with metadata is a RIFF "VP8X" container carrying EXIF or XMP chunks; ours carry pixels only.
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            Assert.DoesNotContain("EXIF", text, StringComparison.Ordinal);
            Assert.DoesNotContain("XMP ", text, StringComparison.Ordinal);
        }
        Assert.Equal(PictureProcessor.HashOf(accepted.Files[PictureSize.Page]), accepted.Hash);
    }

    [Fact]
    public void Different_content_gets_a_different_hash_and_the_same_content_the_same()
    {
        var green = Assert.IsType<ProcessedPicture.Accepted>(Processor().Process(Drawn(SKEncodedImageFormat.Png)));
        var again = Assert.IsType<ProcessedPicture.Accepted>(Processor().Process(Drawn(SKEncodedImageFormat.Png)));
        var red = Assert.IsType<ProcessedPicture.Accepted>(Processor().Process(Drawn(SKEncodedImageFormat.Png, colour: SKColors.Crimson)));

        Assert.Equal(green.Hash, again.Hash);
        Assert.NotEqual(green.Hash, red.Hash);
        Assert.NotEqual(PictureUrls.Of(green.Hash, PictureSize.Card), PictureUrls.Of(red.Hash, PictureSize.Card));
    }

    [Fact]
    public void A_GIF_a_text_file_and_a_truncated_file_are_refused_by_their_content()
    {
        // Skia reads GIFs but does not write them: a 1 × 1 GIF89a, byte by byte.
        byte[] gif = [.."GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B];
        Assert.Equal(PictureProcessor.NotAPicture, Refusal(Processor().Process(gif)));
        Assert.Equal(PictureProcessor.NotAPicture, Refusal(Processor().Process("just words, named photo.jpg"u8)));
        var jpeg = Drawn(SKEncodedImageFormat.Jpeg);
        Assert.Equal(PictureProcessor.Broken, Refusal(Processor().Process(jpeg.AsSpan(0, jpeg.Length / 3))));
    }

    [Fact]
    public void An_oversized_file_and_an_image_of_too_many_pixels_are_refused_before_decoding()
    {
        var png = Drawn(SKEncodedImageFormat.Png);
        Assert.Equal(PictureProcessor.TooLarge, Refusal(Processor(maxBytes: png.Length - 1).Process(png)));

        // 3000 × 2000 is 6 megapixels: over a 5 megapixel limit, though its file is small.
        using var bomb = new SKBitmap(3000, 2000);
        bomb.Erase(SKColors.White);
        using var data = bomb.Encode(SKEncodedImageFormat.Png, 100);
        Assert.Equal(PictureProcessor.TooManyPixels, Refusal(Processor(maxMegapixels: 5).Process(data.ToArray())));
    }

    [Fact]
    public void The_URL_names_the_hash_and_the_size_and_anything_else_is_not_ours()
    {
        var hash = new string('a', ProductPicture.HashLength);
        Assert.Equal((hash, PictureSize.Card), PictureEndpoint.Parse($"{hash}-card.webp"));
        Assert.Null(PictureEndpoint.Parse($"{hash}-huge.webp"));
        Assert.Null(PictureEndpoint.Parse($"{hash}-card.png"));
        Assert.Null(PictureEndpoint.Parse("..%2F-card.webp"));
        Assert.Null(PictureEndpoint.Parse($"{hash.ToUpperInvariant()}-card.webp"));
    }

    private static string Refusal(ProcessedPicture outcome) => Assert.IsType<ProcessedPicture.Refused>(outcome).Reason;

    private sealed class StaticOptions(PictureOptions value) : IOptionsMonitor<PictureOptions>
    {
        public PictureOptions CurrentValue => value;

        public PictureOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PictureOptions, string?> listener) => null;
    }
}
