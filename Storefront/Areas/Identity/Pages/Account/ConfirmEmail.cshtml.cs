using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// The page the confirmation e-mail links to. An unknown account, a damaged code and an expired one all read the same:
/// the link does not work, and a new one can be sent.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<Shopper> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code, string? returnUrl)
    {
        if (userId is null || code is null)
            return Redirect("/");
        ReturnUrl = returnUrl;
        Confirmed = AccountEmails.DecodeToken(code) is { } token
            && await users.FindByIdAsync(userId) is { } user
            && (await users.ConfirmEmailAsync(user, token)).Succeeded;
        return Page();
    }
}
