using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Storefront.Security;

/// <summary>
/// ASP.NET Core's rate limiter on the forms an attacker would post in a loop. Each client is its account when signed in,
/// else its address (the forwarded one when <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> is set). Only posts count: opening
/// the form is free. Past the limit the answer is 429 with <c>Retry-After</c>, shown as the error page.
/// Adyen's webhooks are not limited: they are authenticated, and a refused delivery would only come back as a retry.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Email = "email";
    public const string Payment = "payment";

    /// <summary>The limited pages (area, page name, policy): README's Security section lists the same.</summary>
    public static readonly IReadOnlyList<(string? Area, string Page, string Policy)> Pages =
    [
        ("Identity", "/Account/Login", SignIn),
        ("Identity", "/Account/Register", Email),
        ("Identity", "/Account/ForgotPassword", Email),
        ("Identity", "/Account/ResendEmailConfirmation", Email),
        (null, "/Orders/Link", Email),
        (null, "/Checkout/Index", Payment),
        (null, "/Checkout/PayOrder", Payment),
        (null, "/Checkout/Reorder", Payment),
    ];

    public static IServiceCollection AddStorefrontRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignIn, context => Partition(context, limits => limits.SignIn));
            options.AddPolicy(Email, context => Partition(context, limits => limits.Email));
            options.AddPolicy(Payment, context => Partition(context, limits => limits.Payment));
        });
        services.Configure<RazorPagesOptions>(options =>
        {
            foreach (var (area, page, policy) in Pages)
            {
                if (area is null)
                    options.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
                else
                    options.Conventions.AddAreaPageApplicationModelConvention(area, page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
            }
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, Func<RateLimitSettings, RateLimit> pick)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RateLimits;
        var method = context.Request.Method;
        if (!settings.Enabled || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
            return RateLimitPartition.GetNoLimiter("");
        var limit = pick(settings);
        return RateLimitPartition.GetFixedWindowLimiter(Client(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });
    }

    /// <summary>The signed-in account, which may move between addresses; else the address, which may hold many guests.</summary>
    private static string Client(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? "user:" + userId
            : "address:" + context.Connection.RemoteIpAddress;
}
