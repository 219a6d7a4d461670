using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Storefront.Localization;

namespace Storefront.Shared;

/// <summary>
/// The <c>hreflang</c> alternates of the current page: the same address with <c>?culture=</c> for each language, and
/// the address itself as <c>x-default</c> (the language the shopper's browser and market choose). Absolute, as search
/// engines want them, on the public base URL when one is configured.
/// </summary>
public sealed class AlternateLanguages(IHttpContextAccessor httpContextAccessor, IOptions<StorefrontOptions> options)
{
    public IEnumerable<(string HrefLang, string Url)> ForCurrentPage()
    {
        var request = httpContextAccessor.HttpContext!.Request;
        return For(request.Path, QueryHelpers.ParseQuery(request.QueryString.Value)
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))));
    }

    /// <summary>The alternates of the page at <paramref name="path"/> (e.g. <c>/products/green-tea</c>) with <paramref name="query"/>.</summary>
    public IEnumerable<(string HrefLang, string Url)> For(string path, IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        var kept = (query ?? []).Where(p => p.Key is not ("culture" or "ui-culture")).ToList();
        var basePath = Absolute(path);

        string With(CultureInfo? culture)
        {
            var builder = new QueryBuilder(kept);
            if (culture is not null)
                builder.Add("culture", culture.Name);
            return basePath + builder.ToQueryString();
        }

        foreach (var culture in Cultures.All)
            yield return (culture.TwoLetterISOLanguageName, With(culture));
        yield return ("x-default", With(null));
    }

    /// <summary>The current page's own address in no particular language: what <c>rel=canonical</c> names by default.</summary>
    public string CanonicalOfCurrentPage() => ForCurrentPage().Last().Url;

    /// <summary><paramref name="path"/> as an absolute URL, on the public base URL when one is configured, else on this request's host.</summary>
    public string Absolute(string path)
    {
        var request = httpContextAccessor.HttpContext!.Request;
        var root = options.Value.PublicBaseUrl is { } publicBase
            ? publicBase.TrimEnd('/') + request.PathBase
            : UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase).TrimEnd('/');
        return root + path;
    }
}
