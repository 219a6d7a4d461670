using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Account;

namespace Storefront.Admin;

public static class AdminRegistration
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AdminWords>();
        builder.Services.AddScoped<ProductImport>();
        builder.Services.Configure<RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Admin", AccountRegistration.MerchandiserPolicy));
        return builder;
    }
}
