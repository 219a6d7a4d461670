using Storefront.Data;

namespace Storefront.Catalog;

public static class CatalogRegistration
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogService>();
        builder.Services.AddScoped<IDataSeeder, CatalogSeeder>();
        return builder;
    }
}
