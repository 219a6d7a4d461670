namespace Storefront.E2E.Pages;

public sealed class AdminDashboardPage(IPage page) : StorePage(page)
{
    /// <summary>Opens /admin; a guest lands on the log-in page instead.</summary>
    public static async Task<LoginPage> OpenAsGuestAsync(IPage page)
    {
        await page.GotoAsync("/admin");
        return new LoginPage(page);
    }
}
