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
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key is not ("culture" or "ui-culture"))
            .ToList();
        var basePath = options.Value.PublicBaseUrl is { } publicBase
            ? publicBase.TrimEnd('/') + request.PathBase + request.Path
            : UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path);

        string With(CultureInfo? culture)
        {
            var builder = new QueryBuilder(query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))));
            if (culture is not null)
                builder.Add("culture", culture.Name);
            return basePath + builder.ToQueryString();
        }

        foreach (var culture in Cultures.All)
            yield return (culture.TwoLetterISOLanguageName, With(culture));
        yield return ("x-default", With(null));
    }
}
