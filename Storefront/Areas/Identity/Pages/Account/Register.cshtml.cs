using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's registration, without telling a stranger whether an address has an account: a new address gets its
/// confirmation link, a taken one an e-mail to its owner, and both end on the same "check your e-mail" page. Only what
/// the form itself gets wrong (an invalid address, a weak password) is shown on the page, for any address alike.
/// </summary>
[AllowAnonymous]
public sealed partial class RegisterModel(UserManager<Shopper> users, AccountEmails emails, ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
            return Page();

        // The password rules first, and for a taken address too: what the page shows must not depend on the address.
        var candidate = new Shopper { UserName = Input.Email, Email = Input.Email };
        if (!Show(await PasswordProblemsAsync(candidate)))
            return Page();

        var existing = await users.FindByEmailAsync(Input.Email);
        if (existing is null)
        {
            var created = await users.CreateAsync(candidate, Input.Password);
            if (created.Succeeded)
            {
                LogRegistered(logger);
                await emails.SendConfirmationAsync(candidate, returnUrl);
                return RedirectToPage("./RegisterConfirmation", new { returnUrl });
            }
            // Registered by a request racing this one: the same as taken.
            existing = await users.FindByEmailAsync(Input.Email);
            if (existing is null)
            {
                Show(created.Errors);
                return Page();
            }
        }

        if (existing.EmailConfirmed)
            await emails.SendAlreadyRegisteredAsync(existing);
        else
            await emails.SendConfirmationAsync(existing, returnUrl);
        return RedirectToPage("./RegisterConfirmation", new { returnUrl });
    }

    private async Task<IEnumerable<IdentityError>> PasswordProblemsAsync(Shopper candidate)
    {
        var problems = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            problems.AddRange((await validator.ValidateAsync(users, candidate, Input.Password)).Errors);
        return problems;
    }

    /// <summary>Adds the errors to the page; true when there were none.</summary>
    private bool Show(IEnumerable<IdentityError> errors)
    {
        foreach (var error in errors)
            ModelState.AddModelError(string.Empty, error.Description);
        return ModelState.IsValid;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter a password.")]
        [StringLength(100, ErrorMessage = "The {0} must be at least {2} and at max {1} characters long.", MinimumLength = 6)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare(nameof(Password), ErrorMessage = "The password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A new account was registered; its confirmation link is on its way")]
    private static partial void LogRegistered(ILogger logger);
}
