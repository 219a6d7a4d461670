using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Storefront.Security;

public static class SecurityRegistration
{
    public static WebApplicationBuilder AddStorefrontSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        builder.Services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((identity, security) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = security.Value.Lockout.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = security.Value.Lockout.Duration;
        });
        builder.Services.AddStorefrontRateLimits();
        return builder;
    }
}
