using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// The page the reset e-mail links to. A link without its code, or with a damaged one, is a bad request. An address
/// without an account is refused in the words of a wrong code, so the form tells nothing about who has an account.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<Shopper> users, IdentityErrorDescriber errors) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IActionResult OnGet(string? code)
    {
        if (AccountEmails.DecodeToken(code) is not { } token)
            return BadRequest();
        Input = new InputModel { Code = token };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var result = await users.FindByEmailAsync(Input.Email) is { } user
            ? await users.ResetPasswordAsync(user, Input.Code, Input.Password)
            : IdentityResult.Failed(errors.InvalidToken());
        if (result.Succeeded)
            return RedirectToPage("./ResetPasswordConfirmation");
        foreach (var error in result.Errors)
            ModelState.AddModelError(string.Empty, error.Description);
        return Page();
    }

    public sealed class InputModel : NewPasswordInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "This link is not valid or has expired.")]
        public string Code { get; set; } = "";
    }
}
