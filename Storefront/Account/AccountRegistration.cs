using Microsoft.AspNetCore.Identity;
using Storefront.Data;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Account;

public static class AccountRegistration
{
    public const string MerchandiserRole = "Merchandiser";
    public const string MerchandiserPolicy = "Merchandiser";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddDefaultIdentity<Shopper>(options =>
            {
                // A new account signs in once its address is confirmed, so registering answers the same whether the
                // address is new or already has an account (whose owner is told by e-mail instead).
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddEntityFrameworkStores<StorefrontDbContext>();

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "storefront.auth";
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: the shopper comes back from KakaoPay on a cross-site navigation.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment()
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            options.LoginPath = "/Identity/Account/Login";
            // A signed-in user without the role gets a real 403, not a 200 "access denied" page.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MerchandiserPolicy, policy => policy.RequireRole(MerchandiserRole));

        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.Email) || !string.IsNullOrEmpty(o.Password),
                "Admin:Email is set but Admin:Password is not: set Admin:Password (Admin__Password) to provision the merchandiser, or remove Admin:Email.")
            .Validate(o => string.IsNullOrEmpty(o.Password) || !string.IsNullOrEmpty(o.Email),
                "Admin:Password is set but Admin:Email is not: set Admin:Email (Admin__Email) to provision the merchandiser, or remove Admin:Password.")
            .ValidateOnStart();
        builder.Services.AddScoped<IDataSeeder, MerchandiserSeeder>();
        builder.Services.AddScoped<SavedPaymentMethods>();
        builder.Services.AddScoped<ITokenWebhooks>(services => services.GetRequiredService<SavedPaymentMethods>());
        builder.Services.AddScoped<ShopperOrders>();
        builder.Services.AddScoped<AccountEmails>();
        return builder;
    }
}
