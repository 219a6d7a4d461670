using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account.Manage;

/// <summary>The shopper's profile: the address they log in with (changed on its own page) and a phone number.</summary>
[Authorize]
public sealed class IndexModel(UserManager<Shopper> users, SignInManager<Shopper> signIn, IdentityErrorDescriber describer) : PageModel
{
    public string Username { get; private set; } = "";

    [TempData]
    public bool Updated { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        Username = user.UserName ?? "";
        Input = new InputModel { PhoneNumber = user.PhoneNumber };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        Username = user.UserName ?? "";
        if (!ModelState.IsValid)
            return Page();
        if (Input.PhoneNumber != user.PhoneNumber)
        {
            var set = await users.SetPhoneNumberAsync(user, Input.PhoneNumber);
            if (!set.Succeeded)
            {
                ModelState.AddModelError(string.Empty, describer.DefaultError().Description);
                return Page();
            }
        }
        await signIn.RefreshSignInAsync(user);
        Updated = true;
        return RedirectToPage();
    }

    public sealed class InputModel
    {
        [Phone(ErrorMessage = "Enter a phone number using digits, spaces and an optional leading +.")]
        [StringLength(30, ErrorMessage = "Enter a phone number using digits, spaces and an optional leading +.")]
        [Display(Name = "Phone")]
        public string? PhoneNumber { get; set; }
    }
}
