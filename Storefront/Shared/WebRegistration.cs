using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.WebEncoders;
using Storefront.Data;

namespace Storefront.Shared;

public static class WebRegistration
{
    public const string HealthPath = "/healthz";

    public static WebApplicationBuilder AddStorefrontWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorefrontOptions>().BindConfiguration(StorefrontOptions.Section)
            .ValidateDataAnnotations()
            // Adyen's returnUrl and e-mailed links must never be built from a request's Host header in production.
            .Validate(o => builder.Environment.IsDevelopment() || !string.IsNullOrEmpty(o.PublicBaseUrl),
                "Storefront:PublicBaseUrl (Storefront__PublicBaseUrl) is required outside Development: the shop's public address, e.g. https://shop.example.com.")
            .ValidateOnStart();

        // Pages live beside their feature's code (Catalog/, Cart/, Admin/ …), each with an explicit route.
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/";
        });

        // Pages carry ₩, ¥, € and Hangul: write them as characters, not as numeric entities.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ShopperMarket>();
        builder.Services.AddScoped<AlternateLanguages>();
        // After every other provider (PostConfigure runs last): the market's language is the fallback.
        builder.Services.PostConfigure<RequestLocalizationOptions>(options => options.RequestCultureProviders.Add(new MarketLanguageProvider()));
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddDataProtection().SetApplicationName("Storefront").PersistKeysToDbContext<StorefrontDbContext>();
        builder.Services.AddHealthChecks().AddDbContextCheck<StorefrontDbContext>("database");

        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "storefront.antiforgery";
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment()
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
        });
        if (!builder.Environment.IsDevelopment())
            builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication UseStorefrontWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // Load balancers and orchestrators probe /healthz over plain http on the node itself: a redirect
            // would hide the answer (or pass for healthy).
            app.UseWhen(context => !context.Request.Path.StartsWithSegments(HealthPath),
                branch => branch.UseHttpsRedirection());
        }
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication: a signed-in shopper is limited as an account, not as an address.
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapStorefrontWeb(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteHealth });
        app.MapRazorPages();
        return app;
    }

    private static Task WriteHealth(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        });
    }
}
