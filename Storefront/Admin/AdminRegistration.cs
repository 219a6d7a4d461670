namespace Storefront.Admin;

public static class AdminRegistration
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
