using Storefront.E2E.Infrastructure;
using Storefront.E2E.Pages;
using Storefront.Tests.Infrastructure;

namespace Storefront.E2E.Account;

public sealed class MerchandiserTests(ChromiumFixture chromium, StorefrontFactory app)
    : StorefrontJourney(chromium, app), IClassFixture<StorefrontFactory>
{
    [Fact]
    public Task A_merchandiser_is_asked_to_log_in_and_lands_on_the_dashboard() => JourneyAsync(async page =>
    {
        var login = await AdminDashboardPage.OpenAsGuestAsync(page);
        await Expect(login.Heading).ToHaveTextAsync("Log in");
        Assert.Contains("ReturnUrl=%2Fadmin", page.Url, StringComparison.Ordinal);

        await login.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword);

        var dashboard = new AdminDashboardPage(page);
        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "/admin").ToString());
        await Expect(dashboard.Heading).ToHaveTextAsync("Merchandiser dashboard");
        await Expect(dashboard.AdminLink).ToBeVisibleAsync();
    });
}
