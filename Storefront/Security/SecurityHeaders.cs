using Microsoft.Net.Http.Headers;

namespace Storefront.Security;

/// <summary>The headers every response carries, error pages and static files included.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts and styles only from our own files, never inline; no plugins; no framing. No <c>form-action</c>: checkout
    /// posts (and redirects) the shopper to the payment page, which lives on the payment provider's site.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // At the start of the response: the exception handler clears the headers set before it re-executes.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // A page that brings its own policy (the Adyen sandbox's auto-posting return page) keeps it.
            headers.TryAdd(HeaderNames.ContentSecurityPolicy, ContentSecurityPolicy);
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            // Order pages carry a signed ?key=: another site must never see it in a Referer.
            headers["Referrer-Policy"] = ReferrerPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
