using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Storefront.Data;

namespace Storefront.Account;

/// <summary>Creates the Merchandiser role and, when configured, the merchandiser account; safe to run on every start.</summary>
internal sealed partial class MerchandiserSeeder(
    RoleManager<IdentityRole> roles,
    UserManager<Shopper> users,
    IOptions<AdminOptions> options,
    IHostEnvironment environment,
    ILogger<MerchandiserSeeder> logger) : IDataSeeder
{
    public async Task SeedAsync(StorefrontDbContext db, CancellationToken cancellationToken)
    {
        if (!await roles.RoleExistsAsync(AccountRegistration.MerchandiserRole))
            Check(await roles.CreateAsync(new IdentityRole(AccountRegistration.MerchandiserRole)));

        var (email, password) = (options.Value.Email, options.Value.Password);
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
            return;

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new Shopper { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password));
            LogCreated(logger);
        }
        if (!await users.IsInRoleAsync(user, AccountRegistration.MerchandiserRole))
            Check(await users.AddToRoleAsync(user, AccountRegistration.MerchandiserRole));

        if (environment.IsDevelopment())
            LogDevelopmentCredentials(logger, email, password);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(
                "Could not provision the merchandiser (check Admin:Email and Admin:Password): " +
                string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Merchandiser account created")]
    private static partial void LogCreated(ILogger logger);

    // Development only, on purpose: the demo merchandiser's credentials are printed for the developer.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Development merchandiser: sign in at /Identity/Account/Login as {Email} with password {Password}")]
    private static partial void LogDevelopmentCredentials(ILogger logger, string email, string password);
}
