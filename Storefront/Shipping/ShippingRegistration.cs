using Microsoft.Extensions.Options;

namespace Storefront.Shipping;

public static class ShippingRegistration
{
    public static WebApplicationBuilder AddShipping(this WebApplicationBuilder builder)
    {
        // The section's children are currencies, so it binds as the rates' dictionary.
        builder.Services.AddOptions<ShippingOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ShippingOptions.Section).Bind(options.Rates))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ShippingOptions>, ShippingOptionsValidator>();
        builder.Services.AddSingleton<ShippingFees>();
        return builder;
    }
}
