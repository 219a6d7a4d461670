using System.Net;
using Microsoft.AspNetCore.Localization;
using Storefront.Shared;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Localization;

/// <summary>Which language a page speaks: the switch, then the browser, then the market.</summary>
public sealed class LanguageTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Theory]
    [InlineData("KR", null, "ko-KR")]
    [InlineData("US", null, "en")]
    [InlineData("JP", null, "en")]
    [InlineData("KR", "en-US,en;q=0.9", "en")]
    [InlineData("US", "ko", "ko-KR")]
    [InlineData("US", "ko-KR,ko;q=0.9,en;q=0.8", "ko-KR")]
    [InlineData("KR", "fr-FR,fr;q=0.9", "ko-KR")]
    [InlineData("DE", "de-DE,de;q=0.9", "en")]
    [InlineData("KR", "en;q=0.5,ko;q=0.9", "ko-KR")]
    public async Task The_browser_language_wins_over_the_market_when_it_names_one_we_speak(string country, string? acceptLanguage, string expected)
    {
        using var browser = app.CreateBrowser(acceptLanguage: acceptLanguage);
        await browser.ChooseCountryAsync(country);

        var home = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal(expected, home.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(expected == "ko-KR" ? "상품" : "Products", home.Document.QuerySelector("nav[aria-label] a[href='/products']")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_switch_changes_the_language_of_the_page_the_shopper_is_on_and_outranks_the_browser()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await browser.ChooseCountryAsync("KR");
        var page = await browser.GetAsync("/products?page=2");
        Assert.Equal("ko-KR", page.Document.DocumentElement.GetAttribute("lang"));

        var switched = await browser.SubmitAsync(page, "form.language-switch", new Dictionary<string, string> { ["culture"] = "en" });

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/products?page=2", switched.Headers.Location!.OriginalString);
        var english = await browser.GetAsync("/products?page=2");
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("true", english.Document.QuerySelector("form.language-switch button[value='en']")!.GetAttribute("aria-pressed"));

        await browser.SubmitAsync(english, "form.language-switch", new Dictionary<string, string> { ["culture"] = "ko-KR" });
        Assert.Equal("ko-KR", (await browser.GetAsync("/")).Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_switch_names_each_language_in_itself()
    {
        using var browser = app.CreateBrowser();

        var home = await browser.GetAsync("/");

        var buttons = home.Document.QuerySelectorAll("form.language-switch button[name='culture']")
            .ToDictionary(b => b.GetAttribute("value")!, b => (Text: b.TextContent.Trim(), Lang: b.GetAttribute("lang")));
        Assert.Equal(("한국어", "ko-KR"), buttons["ko-KR"]);
        Assert.Equal(("English", "en"), buttons["en"]);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("ko-KR;en")]
    public async Task A_language_we_do_not_speak_is_refused_and_sets_no_cookie(string culture)
    {
        using var browser = app.CreateBrowser();
        var home = await browser.GetAsync("/");

        var response = await browser.SubmitAsync(home, "form.language-switch", new Dictionary<string, string> { ["culture"] = culture });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith(CookieRequestCultureProvider.DefaultCookieName, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/한국", "/%ED%95%9C%EA%B5%AD")]
    [InlineData("/products?q=녹차", "/products?q=%EB%85%B9%EC%B0%A8")]
    public async Task The_switch_sends_the_shopper_back_only_inside_the_store(string returnUrl, string expected)
    {
        using var browser = app.CreateBrowser();
        var home = await browser.GetAsync("/");

        var response = await browser.SubmitAsync(home, "form.language-switch",
            new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Pages_name_their_alternates_in_each_language_and_the_alternates_speak_it()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/products?page=2");

        var alternates = page.Document.QuerySelectorAll("link[rel='alternate'][hreflang]")
            .ToDictionary(l => l.GetAttribute("hreflang")!, l => new Uri(l.GetAttribute("href")!));
        Assert.Equal(["en", "ko", "x-default"], alternates.Keys.Order());
        Assert.All(alternates.Values, url => Assert.True(url.IsAbsoluteUri));
        Assert.Equal(new Uri(app.BaseAddress, "/products?page=2"), alternates["x-default"]);
        Assert.Equal(new Uri(app.BaseAddress, "/products?page=2&culture=ko-KR"), alternates["ko"]);
        var korean = await browser.GetAsync(alternates["ko"].PathAndQuery);
        Assert.Equal("ko-KR", korean.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Country_names_follow_the_language()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko");

        var home = await browser.GetAsync("/");

        var options = home.Document.QuerySelectorAll("#country-picker option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(Market.All.Count, options.Count);
        Assert.Contains("대한민국 (KRW)", options);
        Assert.Contains("일본 (JPY)", options);
    }
}
