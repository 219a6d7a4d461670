using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;

namespace Storefront.Security;

/// <summary>
/// Razor Pages render a page without running any handler when none matches the request (<c>TRACE /cart</c>, a POST to
/// a page that only shows, <c>?handler=X</c>): the page would then run on empty data. This answers 404 for a handler the
/// page does not have and 405 (with <c>Allow</c>) for a method it does not take, before the page runs. A plain GET of a
/// page without a GET handler is still shown: that is how a page with only a form to post is opened.
/// </summary>
public sealed class PageHandlerGuard : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (IsErrorPageReExecution(context.HttpContext))
            return next();

        var request = context.HttpContext.Request;
        var handlers = context.ActionDescriptor.HandlerMethods;
        var name = context.RouteData.Values["handler"]?.ToString() is { Length: > 0 } routed ? routed : request.Query["handler"].FirstOrDefault();
        var named = handlers.Where(h => string.Equals(h.Name, string.IsNullOrEmpty(name) ? null : name, StringComparison.OrdinalIgnoreCase)).ToList();
        // Razor Pages would let an unnamed handler take any name (/cart/nope shows the cart): a name must exist.
        if (!string.IsNullOrEmpty(name) && named.Count == 0)
        {
            context.Result = new NotFoundResult();
            return Task.CompletedTask;
        }
        if (context.HandlerMethod is { } selected && (string.IsNullOrEmpty(name) || string.Equals(selected.Name, name, StringComparison.OrdinalIgnoreCase)))
            return next();
        if (string.IsNullOrEmpty(name) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            return next(); // a page without a GET handler is shown as it is (Identity UI's forms)

        // Without a handler name a page can always be shown (GET), whatever else its handlers take.
        var methods = named.Select(h => h.HttpMethod.ToUpperInvariant()).Concat(string.IsNullOrEmpty(name) ? ["GET"] : []);
        var allowed = methods.SelectMany(m => m == "GET" ? ["GET", "HEAD"] : new[] { m }).Distinct();
        context.HttpContext.Response.Headers[HeaderNames.Allow] = string.Join(", ", allowed);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }

    /// <summary>The error page is re-executed with the failed request's method, whatever it was.</summary>
    private static bool IsErrorPageReExecution(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;
}
