using Microsoft.Extensions.Options;


namespace Storefront.Shared;

/// <summary>
/// Works out the shopper's market: the country cookie set by the picker, else the region of the
/// browser's Accept-Language, else <c>Storefront:DefaultCountry</c>. Anything unknown falls through.
/// </summary>
public sealed class ShopperMarket(IHttpContextAccessor httpContextAccessor, IOptions<StorefrontOptions> options)
{
    public const string CookieName = "storefront.country";

    private Market? _current;

    public Market Current => _current ??= Resolve();

    public void Remember(HttpResponse response, Market market)
    {
        response.Cookies.Append(CookieName, market.Country, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
        _current = market;
    }

    private Market Resolve()
    {
        var request = httpContextAccessor.HttpContext?.Request;
        if (request is not null)
        {
            if (Market.Find(request.Cookies[CookieName]) is { } fromCookie)
                return fromCookie;
            if (FromAcceptLanguage(request) is { } fromLanguage)
                return fromLanguage;
        }
        return Market.Find(options.Value.DefaultCountry) ?? Market.All[1];
    }

    private static Market? FromAcceptLanguage(HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
            return null;
        foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value;
            var dash = tag?.LastIndexOf('-') ?? -1;
            if (dash > 0 && Market.Find(tag![(dash + 1)..]) is { } market)
                return market;
        }
        return null;
    }
}
