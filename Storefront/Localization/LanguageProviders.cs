using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Storefront.Localization;

/// <summary>
/// The browser's Accept-Language, where it names one of our languages by its language alone (<c>ko</c> as well as
/// <c>ko-KR</c>), best quality first. The built-in provider only falls back from a region to its language, so a plain
/// <c>ko</c> would never reach <c>ko-KR</c>.
/// </summary>
public sealed class BrowserLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (!StringWithQualityHeaderValue.TryParseList(httpContext.Request.Headers.AcceptLanguage, out var languages))
            return NullProviderCultureResult;
        var culture = languages
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Cultures.Find(l.Value.Value))
            .FirstOrDefault(c => c is not null);
        return culture is null ? NullProviderCultureResult : Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture.Name));
    }
}
