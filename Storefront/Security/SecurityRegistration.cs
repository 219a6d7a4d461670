using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Storefront.Security;

public static class SecurityRegistration
{
    /// <summary>
    /// Identity UI pages the shop does not offer, so they are not served (404): external sign-in (the shop has no
    /// provider), two-factor sign-in with its authenticator app and recovery codes, setting a first password (every
    /// account has one), and the personal-data pages (not in the account's menu).
    /// </summary>
    private static readonly string[] PagesNotOffered =
    [
        "/Account/ExternalLogin", "/Account/Manage/ExternalLogins",
        "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode",
        "/Account/Manage/TwoFactorAuthentication", "/Account/Manage/EnableAuthenticator", "/Account/Manage/Disable2fa",
        "/Account/Manage/ResetAuthenticator", "/Account/Manage/GenerateRecoveryCodes", "/Account/Manage/ShowRecoveryCodes",
        "/Account/Manage/SetPassword",
        "/Account/Manage/PersonalData", "/Account/Manage/DownloadPersonalData", "/Account/Manage/DeletePersonalData",
    ];

    public static WebApplicationBuilder AddStorefrontSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.Replace(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(EscapingLogger<>)));

        builder.Services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((identity, security) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = security.Value.Lockout.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = security.Value.Lockout.Duration;
        });
        builder.Services.AddStorefrontRateLimits();

        builder.Services.Configure<MvcOptions>(mvc =>
        {
            mvc.Filters.Add<PageHandlerGuard>();
            mvc.Filters.Add<LocalReturnUrls>();
            mvc.ModelBinderProviders.Insert(0, new CheckboxBinderProvider());
        });
        builder.Services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AddAreaFolderApplicationModelConvention("Identity", "/", model => model.Filters.Add(new IdentityUiGuard()));
            foreach (var page in PagesNotOffered)
                options.Conventions.AddAreaPageRouteModelConvention("Identity", page, model => model.Selectors.Clear());
        });
        return builder;
    }

    /// <summary>First in the pipeline: a foreign Host is refused before anything runs, and every answer carries the headers.</summary>
    public static WebApplication UseStorefrontSecurity(this WebApplication app)
    {
        app.UseAllowedHosts();
        app.UseSecurityHeaders();
        return app;
    }
}
