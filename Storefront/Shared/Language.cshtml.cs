using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Localization;

namespace Storefront.Shared;

/// <summary>
/// The header's language switch posts here. The choice goes into ASP.NET Core's standard culture cookie, which
/// outranks the browser's language and the market's; the shopper comes back to the page they were on.
/// </summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (Cultures.All.FirstOrDefault(c => c.Name == culture) is not { } chosen)
            return BadRequest();
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
        // Security's LocalReturnUrls has already made returnUrl local and safe for a Location header.
        return LocalRedirect(returnUrl ?? "/");
    }
}
