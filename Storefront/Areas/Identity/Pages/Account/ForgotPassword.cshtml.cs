using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// Asks for a password-reset link. Only a confirmed address gets one, and every address ends on the same page, so the
/// answer never tells whether an address has an account.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<Shopper> users, AccountEmails emails) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        if (await users.FindByEmailAsync(Input.Email) is { } user && await users.IsEmailConfirmedAsync(user))
            await emails.SendPasswordResetAsync(user);
        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
