using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Changing the address the shopper logs in with: a link goes to the new address, and the account changes only when it
/// is followed (<c>ConfirmEmailChange</c>). The page answers the same whether or not the new address has an account.
/// </summary>
[Authorize]
public sealed class EmailModel(UserManager<Shopper> users, AccountEmails emails) : PageModel
{
    public string CurrentEmail { get; private set; } = "";

    public bool IsEmailConfirmed { get; private set; }

    [TempData]
    public string? ChangeSentTo { get; set; }

    [TempData]
    public bool Unchanged { get; set; }

    [TempData]
    public bool VerificationSent { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        Show(user);
        return Page();
    }

    public async Task<IActionResult> OnPostChangeEmailAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        if (!ModelState.IsValid)
        {
            Show(user);
            return Page();
        }
        if (string.Equals(Input.NewEmail, user.Email, StringComparison.OrdinalIgnoreCase))
            Unchanged = true;
        else
        {
            await emails.SendEmailChangeAsync(user, Input.NewEmail);
            ChangeSentTo = Input.NewEmail;
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendVerificationEmailAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        if (!user.EmailConfirmed)
            await emails.SendConfirmationAsync(user, returnUrl: null);
        VerificationSent = true;
        return RedirectToPage();
    }

    private void Show(Shopper user)
    {
        CurrentEmail = user.Email ?? "";
        IsEmailConfirmed = user.EmailConfirmed;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the new e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [Display(Name = "New e-mail address")]
        public string NewEmail { get; set; } = "";
    }
}
