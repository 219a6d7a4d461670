using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Home;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
