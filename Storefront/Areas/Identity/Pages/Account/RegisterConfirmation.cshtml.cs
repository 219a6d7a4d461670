using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// Where registering ends, for a new address and a taken one alike. Identity UI's own page looks the address up (404
/// when it has no account, so anyone could ask); this one looks nothing up.
/// </summary>
[AllowAnonymous]
public sealed class RegisterConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
