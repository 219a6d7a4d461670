using Storefront.Data;

namespace Storefront.Catalog;

public static class CatalogRegistration
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogService>();
        builder.Services.AddScoped<ProductStock>();
        builder.Services.AddScoped<CatalogEditor>();
        builder.Services.AddScoped<CategoryEditor>();
        builder.Services.AddOptions<PictureOptions>().Bind(builder.Configuration.GetSection(PictureOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PictureProcessor>();
        builder.Services.AddScoped<IDataSeeder, CatalogSeeder>();

        // Kestrel answers a bare 414 to request lines over 8 KiB, before the app sees them. A pasted or
        // crafted long search must reach the catalog, which cuts it to CatalogService.MaxQueryLength.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 32 * 1024);
        return builder;
    }
}
