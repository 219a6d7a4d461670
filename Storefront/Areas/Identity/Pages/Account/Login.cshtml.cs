using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Account;
using Storefront.Security;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's log-in, with lockout: wrong passwords count, and a locked account is refused until its lockout ends.
/// Every refusal (unknown e-mail, wrong password, locked, not yet confirmed) reads the same, so the page never tells a
/// stranger whether an e-mail has an account. The shop offers no two-factor sign-in, so there is no step after this.
/// </summary>
[AllowAnonymous]
public sealed partial class LoginModel(SignInManager<Shopper> signIn, IOptions<SecurityOptions> security, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    /// <summary>The sign-in was refused: the page explains, in words that fit every cause.</summary>
    public bool Refused { get; private set; }

    public LockoutSettings Lockout => security.Value.Lockout;

    public async Task OnGetAsync(string? returnUrl)
    {
        // A half-finished external sign-in must not linger into this one.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        ReturnUrl = returnUrl;
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
            return Page();

        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(returnUrl ?? "/");
        if (result.IsLockedOut)
            LogLockedOut(logger);
        Refused = true;
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Remember me?")]
        public bool RememberMe { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: the account is locked out")]
    private static partial void LogLockedOut(ILogger logger);
}
