using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Legal;
using Storefront.Tests.Catalog;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Operations;

namespace Storefront.Tests.Legal;

/// <summary>The business details on every page and the terms and privacy pages, in both languages.</summary>
public sealed class LegalPagesTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Theory]
    [InlineData("ko-KR", "상호", "사업자등록번호", "통신판매업 신고번호", "개인정보 보호책임자", "개인정보처리방침")]
    [InlineData("en", "Company", "Business registration number", "Mail-order business report number", "Privacy officer", "Privacy policy")]
    public async Task Every_page_shows_the_business_details_and_the_legal_texts_in_the_shoppers_language(
        string language, string company, string registration, string mailOrder, string privacyOfficer, string privacy)
    {
        var business = app.Services.GetRequiredService<IOptions<BusinessDetails>>().Value;
        using var browser = app.CreateBrowser(acceptLanguage: language);

        foreach (var url in new[] { "/", "/products", "/cart", "/terms" })
        {
            var page = await browser.GetAsync(url);

            var details = page.Document.QuerySelectorAll("footer .business-details [data-detail]")
                .ToDictionary(d => d.GetAttribute("data-detail")!, d => (Label: d.QuerySelector("dt").Text(), Value: d.QuerySelector("dd").Text()));
            Assert.Equal((company, business.Name), details["name"]);
            Assert.Equal((registration, "123-45-67890"), details["registration-number"]);
            Assert.Equal((mailOrder, business.MailOrderNumber), details["mail-order-number"]);
            Assert.Equal((privacyOfficer, business.PrivacyOfficer), details["privacy-officer"]);
            Assert.Equal(business.Representative, details["representative"].Value);
            Assert.Equal(business.Address, details["address"].Value);
            Assert.Equal($"{business.Phone} · {business.Email}", details["customer-service"].Value);
            Assert.Equal(privacy, page.Document.QuerySelector("footer a[href='/privacy']").Text());
            Assert.NotNull(page.Document.QuerySelector("footer a[href='/terms']"));
        }
    }

    [Theory]
    [InlineData("/terms", "ko-KR", "이용약관", "제1조 (목적)")]
    [InlineData("/terms", "en", "Terms of use", "1. Purpose")]
    [InlineData("/privacy", "ko-KR", "개인정보처리방침", "1. 수집하는 개인정보 항목")]
    [InlineData("/privacy", "en", "Privacy policy", "1. What we collect")]
    public async Task The_default_terms_and_privacy_policy_exist_in_both_languages_with_their_version(
        string url, string language, string title, string firstSection)
    {
        var texts = app.Services.GetRequiredService<LegalTexts>();
        using var browser = app.CreateBrowser(acceptLanguage: language);

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(language, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.Document.QuerySelector("main h1").Text());
        Assert.Equal(firstSection, page.Document.QuerySelector("main .legal-text h2").Text());
        var version = url == "/terms" ? texts.TermsVersion : texts.PrivacyVersion;
        Assert.Equal(LegalTexts.DefaultVersion, version);
        Assert.Equal(version, page.Document.QuerySelector(".legal-text")?.GetAttribute("data-version"));
        Assert.Contains(version, page.Document.QuerySelector("[data-testid=legal-version]").Text(), StringComparison.Ordinal);
    }
}

/// <summary>A merchant's own texts, from the configuration and from a file, replace the defaults under their own version.</summary>
public sealed class MerchantLegalTextsTests : IDisposable
{
    private readonly string _englishTerms = Path.Combine(Path.GetTempPath(), $"terms-{Guid.NewGuid():N}.md");
    private readonly StorefrontFactory _app = new();

    public MerchantLegalTextsTests()
    {
        File.WriteAllText(_englishTerms, "## Our terms\n\nBe kind. <script>alert('x')</script>\n");
        _app.Settings["Storefront:Legal:Terms:Version"] = "2027-01-15";
        _app.Settings["Storefront:Legal:Terms:Markdown:ko"] = "## 우리 약관\n\n서로 친절하게.";
        _app.Settings["Storefront:Legal:Terms:File:en"] = _englishTerms;
    }

    [Fact]
    public async Task The_merchants_terms_are_shown_in_each_language_and_name_their_version()
    {
        using var korean = _app.CreateBrowser(acceptLanguage: "ko-KR");
        using var english = _app.CreateBrowser(acceptLanguage: "en");
        var texts = _app.Services.GetRequiredService<LegalTexts>();

        var inKorean = await korean.GetAsync("/terms");
        var inEnglish = await english.GetAsync("/terms");
        var privacy = await english.GetAsync("/privacy");

        Assert.Equal(("2027-01-15", LegalTexts.DefaultVersion), (texts.TermsVersion, texts.PrivacyVersion));
        Assert.Equal("우리 약관", inKorean.Document.QuerySelector(".legal-text h2").Text());
        Assert.Equal("Our terms", inEnglish.Document.QuerySelector(".legal-text h2").Text());
        Assert.Equal("2027-01-15", inEnglish.Document.QuerySelector(".legal-text")?.GetAttribute("data-version"));
        // Markdown only: HTML in a text is shown as text, never run.
        Assert.Empty(inEnglish.Document.QuerySelectorAll(".legal-text script"));
        Assert.Contains("<script>alert('x')</script>", inEnglish.Document.QuerySelector(".legal-text h2 + p").Text(), StringComparison.Ordinal);
        Assert.Equal("1. What we collect", privacy.Document.QuerySelector(".legal-text h2").Text());
    }

    public void Dispose()
    {
        _app.Dispose();
        File.Delete(_englishTerms);
    }
}

/// <summary>A production shop cannot open without the business details it must show.</summary>
public sealed class BusinessDetailsStartupTests
{
    [Fact]
    public void Production_without_business_details_refuses_to_start_naming_each_key()
    {
        using var app = new ProductionFactory();
        foreach (var key in ProductionFactory.BusinessDetails.Keys)
            app.Settings.Remove(key);

        var failure = app.StartFailure();

        foreach (var key in ProductionFactory.BusinessDetails.Keys)
            Assert.Contains($"{key} (", failure, StringComparison.Ordinal);
    }
}
