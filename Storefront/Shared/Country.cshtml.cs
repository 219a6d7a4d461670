using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Shared;

/// <summary>The header's country picker posts here; the country decides the currency.</summary>
public sealed class CountryModel(ShopperMarket shopperMarket) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost(string? country, string? returnUrl)
    {
        if (Market.Find(country) is not { } market)
            return BadRequest();
        shopperMarket.Remember(Response, market);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
