using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Account;
using Storefront.Data;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Account;

public sealed class AdminAccessTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task A_guest_is_sent_to_log_in_and_back()
    {
        using var browser = app.CreateBrowser();

        var response = await browser.Client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/Identity/Account/Login", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
        Assert.Contains("ReturnUrl=%2Fadmin", location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_shopper_is_forbidden_with_the_error_page()
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterNewShopperAsync();

        var page = await browser.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("Access denied", page.Document.QuerySelector("main h1")?.TextContent.Trim());
        Assert.DoesNotContain("Merchandiser dashboard", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_merchandiser_reaches_the_dashboard()
    {
        using var browser = app.CreateBrowser();
        var login = await browser.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var page = await browser.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Merchandiser dashboard", page.Document.QuerySelector("main h1")?.TextContent.Trim());
        Assert.NotNull(page.Document.QuerySelector("nav a[href='/admin']"));
    }

    [Fact]
    public async Task Provisioning_again_changes_nothing()
    {
        var before = await MerchandiserSnapshotAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDataSeeder>())
                await seeder.SeedAsync(db, CancellationToken.None);
        }

        var after = await MerchandiserSnapshotAsync();
        Assert.Equal(before, after);
        Assert.Equal(1, after.Users);
        Assert.Equal(1, after.Roles);
        Assert.Equal(1, after.Memberships);
    }

    private Task<(int Users, int Roles, int Memberships, string? PasswordHash)> MerchandiserSnapshotAsync() =>
        app.WithDbAsync(async db =>
        {
            var email = StorefrontFactory.MerchandiserEmail.ToUpperInvariant();
            var users = await db.Users.Where(u => u.NormalizedEmail == email).ToListAsync();
            var roles = await db.Roles.Where(r => r.Name == AccountRegistration.MerchandiserRole).ToListAsync();
            var userIds = users.Select(u => u.Id).ToList();
            var roleIds = roles.Select(r => r.Id).ToList();
            var memberships = await db.UserRoles.CountAsync(ur => userIds.Contains(ur.UserId) && roleIds.Contains(ur.RoleId));
            return (users.Count, roles.Count, memberships, users.SingleOrDefault()?.PasswordHash);
        });
}
