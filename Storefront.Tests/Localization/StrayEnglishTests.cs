using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Legal;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Localization;

/// <summary>
/// Every page a shopper reads, rendered for a Korean reader (ko-KR from the language switch), shows no English that
/// did not come from a resource: the visible text and the attributes people are shown or read to (placeholder, title,
/// alt, aria-label, a button's value), less the shop's data and proper names (<see cref="KoreanShop.Allowed"/>),
/// has no Latin word left. A failure names each page and the words it found.
/// </summary>
public sealed partial class StrayEnglishTests(StrayEnglishTests.KoreanShop shop) : IClassFixture<StrayEnglishTests.KoreanShop>
{
    /// <summary>Page names and their addresses; {order} is the shopper's paid order, {product} a product in stock.</summary>
    public static TheoryData<string, string> ShopperPages { get; } = new()
    {
        { "home", "/" },
        { "products", "/products" },
        { "product", "/products/{product}" },
        { "search in Korean", "/products?q=녹차" },
        { "search with no result", "/products?q=없는상품" },
        { "cart with an item", "/cart" },
        { "checkout", "/checkout" },
        { "order page", "{order}" },
        { "order link", "/orders/link?expired=true" },
        { "my orders", "/account/orders" },
        { "saved payment methods", "/account/payment-methods" },
        { "terms", "/terms" },
        { "privacy", "/privacy" },
        { "404", "/no-such-page" },
        { "403 (a shopper at /admin)", "/admin" },
        { "400", "/error?code=400" },
        { "429", "/error?code=429" },
        { "500", "/error?code=500" },
        { "log in (signed out)", "signed-out:/Identity/Account/Login" },
        { "register (signed out)", "signed-out:/Identity/Account/Register" },
        { "empty cart (signed out)", "signed-out:/cart" },
    };

    [Theory]
    [MemberData(nameof(ShopperPages))]
    public async Task A_korean_shopper_reads_no_stray_english(string name, string address)
    {
        var signedOut = address.StartsWith("signed-out:", StringComparison.Ordinal);
        var browser = signedOut ? shop.Guest : shop.Shopper;
        var path = address.Replace("signed-out:", "", StringComparison.Ordinal)
            .Replace("{order}", shop.OrderPath, StringComparison.Ordinal)
            .Replace("{product}", shop.ProductSlug, StringComparison.Ordinal);

        var page = await browser.GetAsync(path);

        Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
            or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError, $"{name}: {path} answered {(int)page.Status}");
        Assert.Equal("ko-KR", page.Document.DocumentElement.GetAttribute("lang"));
        var stray = StrayWords(VisibleText(page.Document), shop.Allowed);
        Assert.True(stray.Count == 0, $"{name} ({path}) shows English under ko-KR: {string.Join(", ", stray.Select(w => $"\"{w}\""))}");
    }

    /// <summary>What a reader sees or hears: text outside scripts and styles, and the attributes shown or read aloud.</summary>
    internal static IEnumerable<string> VisibleText(IDocument document)
    {
        foreach (var hidden in document.QuerySelectorAll("script, style, template, noscript").ToList())
            hidden.Remove();
        // Text marked as another language is meant to be read in it: the switch names English in English.
        foreach (var foreign in document.QuerySelectorAll("body [lang]").Where(e => !e.GetAttribute("lang")!.StartsWith("ko", StringComparison.Ordinal)).ToList())
            foreign.Remove();
        yield return document.Title ?? "";
        foreach (var text in document.Body!.Descendants<IText>())
            yield return text.Data;
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            foreach (var attribute in new[] { "placeholder", "title", "alt", "aria-label" })
            {
                if (element.GetAttribute(attribute) is { } shown)
                    yield return shown;
            }
            if (element.LocalName is "input" && element.GetAttribute("type") is "submit" or "button" or "reset")
                yield return element.GetAttribute("value") ?? "";
        }
    }

    /// <summary>The Latin words left once the allowed phrases (longest first), e-mail addresses and order numbers are taken out.</summary>
    internal static IReadOnlyList<string> StrayWords(IEnumerable<string> texts, IReadOnlyList<string> allowed)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var rest = Reference().Replace(Email().Replace(OrderNumber().Replace(text, " "), " "), " ");
            foreach (var phrase in allowed)
                rest = rest.Replace(phrase, " ", StringComparison.Ordinal);
            foreach (Match word in LatinWord().Matches(rest))
                words.Add(word.Value);
        }
        return words.ToList();
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’]*")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\bSF-[0-9A-Z]+\b")]
    private static partial Regex OrderNumber();

    /// <summary>A failed request's reference for support (a W3C trace id, or a connection's request id).</summary>
    [GeneratedRegex(@"\b[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\b|\b[0-9A-Z]{13}:[0-9A-F]{8}\b")]
    private static partial Regex Reference();

    /// <summary>
    /// A shopper in Korea reading Korean: signed in, with a paid order and an item in the cart; and a guest. Both were
    /// set up in English (the steps read English words) and then pressed 한국어 in the header.
    /// </summary>
    public sealed class KoreanShop : StorefrontFactory, IAsyncLifetime
    {
        public Browser Shopper { get; private set; } = null!;

        public Browser Guest { get; private set; } = null!;

        public string OrderPath { get; private set; } = "";

        public string ProductSlug { get; private set; } = "";

        /// <summary>
        /// Proper names and data, not words of the page: the brand, KakaoPay, the catalog's names and descriptions in
        /// both languages, what the shopper typed at checkout, the currencies' codes, the business details, the legal
        /// texts' versions and the companies and protocols they name.
        /// </summary>
        public IReadOnlyList<string> Allowed { get; private set; } = [];

        async Task IAsyncLifetime.InitializeAsync()
        {
            Shopper = CreateBrowser();
            await Shopper.RegisterNewShopperAsync();
            await Shopper.ChooseCountryAsync("KR");
            ProductSlug = await this.StockedProductAsync();
            await Shopper.AddToCartAsync(ProductSlug);
            var paid = await Shopper.PayWithKakaoPayAsync();
            Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
            OrderPath = paid.Headers.Location!.OriginalString;
            await Shopper.AddToCartAsync(await this.StockedProductAsync(skip: 1));
            await SpeakKoreanAsync(Shopper);

            Guest = CreateBrowser();
            await Guest.ChooseCountryAsync("KR");
            await SpeakKoreanAsync(Guest);

            var catalog = await WithDbAsync(async db =>
            {
                var products = await db.Products.Select(p => new { p.Names, p.Descriptions }).ToListAsync();
                var categories = await db.Categories.Select(c => c.Names).ToListAsync();
                return products.SelectMany(p => new[] { p.Names, p.Descriptions }).Concat(categories)
                    .SelectMany(t => new[] { t.Ko, t.En }).OfType<string>().ToList();
            });
            var legal = Services.GetRequiredService<LegalTexts>();
            var business = Services.GetRequiredService<IConfiguration>().GetSection("Storefront:Business").GetChildren()
                .Select(c => c.Value).OfType<string>();
            Allowed = catalog.Concat(CheckoutSteps.KoreanAddress.Values).Concat(business)
                .Concat(Market.All.Select(m => m.Currency)).Concat(["Storefront", "KakaoPay", "Adyen N.V.", "HTTPS"])
                .Concat([legal.TermsVersion, legal.PrivacyVersion])
                .Where(p => p.Length > 0).Distinct().OrderByDescending(p => p.Length).ToList();
        }

        private static async Task SpeakKoreanAsync(Browser browser)
        {
            var home = await browser.GetAsync("/");
            var switched = await browser.SubmitAsync(home, "form.language-switch", new Dictionary<string, string> { ["culture"] = "ko-KR" });
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        /// <summary>The browsers; the app itself goes with the factory's Dispose.</summary>
        Task IAsyncLifetime.DisposeAsync()
        {
            Shopper?.Dispose();
            Guest?.Dispose();
            return Task.CompletedTask;
        }
    }
}
