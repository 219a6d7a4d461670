using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Admin;

/// <summary>The merchandiser area's landing page; only the Merchandiser role reaches /admin.</summary>
public sealed class DashboardModel : PageModel
{
    public void OnGet()
    {
    }
}
