using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>
/// The page the e-mail-change message links to, at the new address: the account's e-mail and user name (they are the
/// same here) become the new address. Only someone who can read the new address's mail gets here with a working code,
/// so an address already taken by another account is said so, in Identity's (localized) words.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailChangeModel(UserManager<Shopper> users, SignInManager<Shopper> signIn, IdentityErrorDescriber describer) : PageModel
{
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? userId, string? email, string? code)
    {
        if (userId is null || email is null || code is null)
            return Redirect("/");
        var user = await users.FindByIdAsync(userId);
        if (user is null || AccountEmails.DecodeToken(code) is not { } token)
        {
            Errors = [describer.InvalidToken().Description];
            return Page();
        }
        var changed = await users.ChangeEmailAsync(user, email, token);
        if (changed.Succeeded)
            changed = await users.SetUserNameAsync(user, email);
        Errors = changed.Errors.Select(e => e.Description).ToList();
        if (changed.Succeeded && signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id)
            await signIn.RefreshSignInAsync(user);
        return Page();
    }
}
