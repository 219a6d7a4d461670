using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account.Manage;

/// <summary>A new password, given the current one. Every account has a password: the shop has no external log-ins.</summary>
[Authorize]
public sealed partial class ChangePasswordModel(UserManager<Shopper> users, SignInManager<Shopper> signIn, ILogger<ChangePasswordModel> logger) : PageModel
{
    [TempData]
    public bool Changed { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        if (!ModelState.IsValid)
            return Page();
        var result = await users.ChangePasswordAsync(user, Input.OldPassword, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        LogPasswordChanged(logger);
        Changed = true;
        return RedirectToPage();
    }

    public sealed class InputModel : NewPasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string OldPassword { get; set; } = "";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A shopper changed their password")]
    private static partial void LogPasswordChanged(ILogger logger);
}
