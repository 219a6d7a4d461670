using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's log-out: a post signs out and goes back (inside the store only). Opened, it asks first, or says the
/// shopper is logged out: a guest may open it too, as after logging out.
/// </summary>
[AllowAnonymous]
public sealed partial class LogoutModel(SignInManager<Shopper> signIn, ILogger<LogoutModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        await signIn.SignOutAsync();
        LogLoggedOut(logger);
        return returnUrl is null ? RedirectToPage() : LocalRedirect(returnUrl);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A shopper logged out")]
    private static partial void LogLoggedOut(ILogger logger);
}
