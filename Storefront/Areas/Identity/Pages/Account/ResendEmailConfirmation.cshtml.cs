using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// Sends an account's confirmation link again, when it still needs one. The page answers the same for every address,
/// with or without an account, confirmed or not.
/// </summary>
[AllowAnonymous]
public sealed class ResendEmailConfirmationModel(UserManager<Shopper> users, AccountEmails emails) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        if (await users.FindByEmailAsync(Input.Email) is { EmailConfirmed: false } user)
            await emails.SendConfirmationAsync(user, returnUrl: null);
        Sent = true;
        return Page();
    }
}
