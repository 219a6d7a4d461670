using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.WebEncoders;
using Storefront.Data;

namespace Storefront.Shared;

public static class WebRegistration
{
    /// <summary>Liveness: the process answers and reaches its database.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Readiness: liveness plus the checks tagged <see cref="ReadinessTag"/> (Operations adds them).</summary>
    public const string ReadyPath = "/readyz";

    public const string ReadinessTag = "ready";

    /// <summary>The Prometheus scrape endpoint, when Operations maps it.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Load balancers, orchestrators and Prometheus call these on the node itself, by its address and over plain http:
    /// neither a redirect to https nor the host filter may hide their answer.
    /// </summary>
    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(ReadyPath) || path.StartsWithSegments(MetricsPath);

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
            // A redirect would hide a probe's answer (or pass for healthy).
            app.UseWhen(context => !IsProbe(context.Request.Path),
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
        app.MapHealthChecks(HealthPath, new HealthCheckOptions
        {
            Predicate = check => !check.Tags.Contains(ReadinessTag),
            ResponseWriter = WriteHealth,
        });
        app.MapRazorPages();
        return app;
    }

    /// <summary>Each check's status, and what it says about it (never a secret), as JSON.</summary>
    public static Task WriteHealth(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            details = report.Entries.Where(e => e.Value.Description is not null).ToDictionary(e => e.Key, e => e.Value.Description),
        });
    }
}
