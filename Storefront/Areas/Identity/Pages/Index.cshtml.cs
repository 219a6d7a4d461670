using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Areas.Identity.Pages;

/// <summary>
/// Identity UI sends a visitor it has nothing to show (a confirmation link without its code, say) to the page "/Index",
/// which in this shop is the home page at "/" under another name.
/// </summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");
}
