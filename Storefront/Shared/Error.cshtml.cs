using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Shared;

/// <summary>
/// The one error page: unhandled exceptions and every 4xx/5xx status re-executed here, with whatever method the failed
/// request had (so it describes itself before any handler, not in one).
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    /// <summary>The status this page describes; the page's words are chosen by it in the view, in the shopper's language.</summary>
    public int Status { get; private set; } = 500;

    /// <summary>The rate limiter's Retry-After in seconds (429), when it gave one.</summary>
    public int? RetryAfterSeconds { get; private set; }

    /// <summary>What support can find the failed request's logs by (5xx).</summary>
    public string Reference => Activity.Current?.Id ?? HttpContext.TraceIdentifier;

    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
        Describe(int.TryParse(Request.Query["code"], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null);

    private void Describe(int? code)
    {
        // Reached directly (not re-executed), /error is itself just a page that does not exist.
        var status = code ?? (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null ? 404 : 500);
        if (status is < 400 or > 599)
            status = 404;
        Response.StatusCode = Status = status;
        RetryAfterSeconds = int.TryParse(Response.Headers.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : null;
    }
}
