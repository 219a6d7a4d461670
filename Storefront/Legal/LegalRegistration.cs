using Microsoft.Extensions.Options;

namespace Storefront.Legal;

public static class LegalRegistration
{
    /// <summary>The business details in every footer, and the terms and privacy pages with their versions.</summary>
    public static WebApplicationBuilder AddLegal(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BusinessDetails>().BindConfiguration(BusinessDetails.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BusinessDetails>, BusinessDetailsValidator>();
        builder.Services.AddOptions<LegalOptions>().BindConfiguration(LegalOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LegalOptions>, LegalOptionsValidator>();
        builder.Services.AddSingleton<LegalTexts>();
        return builder;
    }
}
