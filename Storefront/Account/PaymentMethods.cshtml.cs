using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Shared;

namespace Storefront.Account;

/// <summary>
/// The signed-in user's saved KakaoPay: reconciled with Adyen on every visit, with Remove. A method whose token is
/// still on its way (by webhook) shows as being saved.
/// </summary>
[Authorize]
public sealed class PaymentMethodsModel(SavedPaymentMethods savedMethods, UserManager<Shopper> users) : PageModel
{
    public SavedMethodsOverview Overview { get; private set; } = new([], [], false);

    /// <summary>What the last Remove did, from the redirect after it.</summary>
    public string? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? removed, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } shopper)
            return Challenge();
        Overview = await savedMethods.OverviewAsync(shopper, cancellationToken);
        Result = removed;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } shopper)
            return Challenge();
        return await savedMethods.RemoveAsync(shopper, id, cancellationToken) switch
        {
            RemoveOutcome.Removed => new SeeOtherResult($"{AccountPaths.PaymentMethods}?removed=done"),
            RemoveOutcome.Unavailable => new SeeOtherResult($"{AccountPaths.PaymentMethods}?removed=failed"),
            _ => NotFound(),
        };
    }
}
