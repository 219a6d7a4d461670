using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Storefront.Catalog;
using Storefront.Localization;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>Pictures come from the database at content-hash URLs, cached for good, and the product page shows them in order.</summary>
public sealed class PictureServingTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    private async Task<(string Slug, string FirstHash, string SecondHash)> TwoPicturesAsync()
    {
        var product = await app.WithDbAsync(db => db.Products.AsNoTracking().Where(p => p.IsPublished).OrderBy(p => p.Id).FirstAsync());
        using var scope = app.Services.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<CatalogEditor>();
        var processor = scope.ServiceProvider.GetRequiredService<PictureProcessor>();
        var first = (ProcessedPicture.Accepted)processor.Process(PictureProcessorTests.Drawn(SKEncodedImageFormat.Jpeg, colour: SKColors.Navy));
        var second = (ProcessedPicture.Accepted)processor.Process(PictureProcessorTests.Drawn(SKEncodedImageFormat.Png, colour: SKColors.Orange));
        var version = product.Version;
        foreach (var (picture, ko, en) in new[] { (first, "남색 찻잔", "A navy cup"), (second, "주황색 찻잔", "An orange cup") })
        {
            var saved = Assert.IsType<EditOutcome.Saved>(await editor.ChangePicturesAsync(product.Id, version,
                new PictureChange.Add(picture, new LocalizedText(ko, en)), "merchandiser@example.com", CancellationToken.None));
            version = saved.Product.Version;
        }
        return (product.Slug, first.Hash, second.Hash);
    }

    [Fact]
    public async Task A_picture_is_served_with_a_year_long_immutable_cache_and_an_ETag_that_answers_304()
    {
        var (_, hash, _) = await TwoPicturesAsync();
        using var browser = app.CreateBrowser();

        var answer = await browser.Client.GetAsync(PictureUrls.Of(hash, PictureSize.Card));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("image/webp", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PictureEndpoint.CacheControl, answer.Headers.CacheControl?.ToString());
        var etag = answer.Headers.ETag;
        Assert.NotNull(etag);
        using var codec = SKCodec.Create(SKData.CreateCopy(await answer.Content.ReadAsByteArrayAsync()));
        Assert.Equal(PictureSize.Card.Pixels(), codec.Info.Width);

        var again = new HttpRequestMessage(HttpMethod.Get, PictureUrls.Of(hash, PictureSize.Card));
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await browser.Client.SendAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync(PictureUrls.Of(new string('0', ProductPicture.HashLength), PictureSize.Card))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/pictures/{hash}-huge.webp")).StatusCode);
    }

    [Fact]
    public async Task The_product_page_shows_the_pictures_in_order_with_the_alt_text_of_the_shoppers_language()
    {
        var (slug, first, second) = await TwoPicturesAsync();

        foreach (var (language, alts) in new[] { ("ko", new[] { "남색 찻잔", "주황색 찻잔" }), ("en", new[] { "A navy cup", "An orange cup" }) })
        {
            using var shopper = app.CreateBrowser(acceptLanguage: language);
            var page = await shopper.GetAsync($"/products/{slug}");
            var pictures = page.Document.QuerySelectorAll("[data-testid=product-picture]")
                .Select(img => (img.GetAttribute("src"), img.GetAttribute("alt"))).ToList();
            Assert.Equal([(PictureUrls.Of(first, PictureSize.Page), alts[0]), (PictureUrls.Of(second, PictureSize.Page), alts[1])], pictures.TakeLast(2));
        }
        var history = await app.WithDbAsync(db => db.ProductEvents.Where(e => e.Kind == ProductEventKind.PictureAdded).CountAsync());
        Assert.True(history >= 2);
    }
}
