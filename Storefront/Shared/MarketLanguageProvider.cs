using Microsoft.AspNetCore.Localization;
using Storefront.Localization;

namespace Storefront.Shared;

/// <summary>
/// The last word on a request's language: the shopper's market decides (Korean in Korea, English elsewhere).
/// Appended after the providers of <see cref="LocalizationRegistration"/>, which knows nothing of markets.
/// </summary>
public sealed class MarketLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var market = httpContext.RequestServices.GetRequiredService<ShopperMarket>().Current;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(Cultures.ForMarket(market.Country).Name));
    }
}
