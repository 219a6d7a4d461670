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
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "";

    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
        Describe(int.TryParse(Request.Query["code"], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null);

    private void Describe(int? code)
    {
        // Reached directly (not re-executed), /error is itself just a page that does not exist.
        var status = code ?? (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null ? 404 : 500);
        if (status is < 400 or > 599)
            status = 404;
        Response.StatusCode = status;
        (Title, Message) = status switch
        {
            400 => ("Bad request", "The request could not be understood. Check the address or the form and try again."),
            401 or 403 => ("Access denied", "You do not have access to this page."),
            404 => ("Page not found", "We could not find that page. It may have moved or never existed."),
            405 => ("Not allowed", "That action is not available here."),
            429 => ("Too many attempts", $"You have tried that too many times. Please wait {Wait()} and try again."),
            _ => ("Something went wrong", $"We could not complete your request. Reference: {Activity.Current?.Id ?? HttpContext.TraceIdentifier}"),
        };
    }

    /// <summary>The rate limiter's Retry-After, in words.</summary>
    private string Wait() =>
        int.TryParse(Response.Headers.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds < 90 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes"
            : "a few minutes";
}
