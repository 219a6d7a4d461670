using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Storefront.Localization;

/// <summary>
/// ASP.NET Core's localization stack: resource files under <c>Resources/</c> read through <c>IStringLocalizer</c>
/// (C#, <see cref="SharedResource"/>), <c>IViewLocalizer</c> (each page its own file, by its path) and DataAnnotations.
/// A request's language is, in order: <c>?culture=</c> (the hreflang alternates), the culture cookie the header's
/// switch sets, the browser's Accept-Language where it names Korean or English, and last the market's language
/// (<see cref="Shared.MarketLanguageProvider"/>, added by the web registration).
/// </summary>
public static class LocalizationRegistration
{
    public const string ResourcesPath = "Resources";

    public static WebApplicationBuilder AddStorefrontLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = ResourcesPath);
        builder.Services.AddRazorPages()
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>()
            .Configure<IStringLocalizerFactory>(ValidationMessages.Localize);
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Cultures.All.ToList();
            options.DefaultRequestCulture = new RequestCulture(Cultures.English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new BrowserLanguageProvider(),
            ];
        });
        return builder;
    }

    public static WebApplication UseStorefrontLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }
}
