using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's access-denied page. The shop answers a forbidden page with a real 403 rather than sending here
/// (<c>Account/AccountRegistration.cs</c>), but the page can be opened.
/// </summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
