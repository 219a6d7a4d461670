using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's lockout page. Log-in itself never sends here (its refusal reads the same for every cause); opened, it
/// says nothing of any account.
/// </summary>
[AllowAnonymous]
public sealed class LockoutModel : PageModel
{
    public void OnGet()
    {
    }
}
