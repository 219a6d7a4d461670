using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Storefront.Shared;

namespace Storefront.Security;

/// <summary>
/// Outside Development only the public host (<c>Storefront:PublicBaseUrl</c>) and <c>Security:AllowedHosts</c> are
/// served; any other Host header is answered 400 before a page runs, so nothing (a password-reset link, a returnUrl)
/// can be built from a host an attacker chose. Health probes are exempt: load balancers and orchestrators send the
/// node's own address. ASP.NET Core's host filtering does the work; the framework-wide <c>AllowedHosts</c> key stays
/// <c>*</c> because it would refuse the probes too.
/// </summary>
public static class AllowedHosts
{
    public static WebApplication UseAllowedHosts(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            return app;
        // Read at the first request, not now: a bad configuration is reported with all the others when the host starts.
        var options = new Lazy<HostFilteringOptions>(() => new HostFilteringOptions { AllowedHosts = Of(app.Services), AllowEmptyHosts = false });
        app.UseWhen(context => !WebRegistration.IsProbe(context.Request.Path),
            branch => branch.UseMiddleware<HostFilteringMiddleware>(new Fixed<HostFilteringOptions>(options)));
        return app;
    }

    public static List<string> Of(IServiceProvider services)
    {
        var publicBaseUrl = services.GetRequiredService<IOptions<StorefrontOptions>>().Value.PublicBaseUrl;
        var hosts = services.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedHosts;
        return [.. publicBaseUrl is null ? [] : new[] { new Uri(publicBaseUrl).IdnHost }, .. hosts];
    }

    private sealed class Fixed<T>(Lazy<T> value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value.Value;

        public T Get(string? name) => value.Value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
