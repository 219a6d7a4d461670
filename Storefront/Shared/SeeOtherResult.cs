using Microsoft.AspNetCore.Mvc;

namespace Storefront.Shared;

/// <summary>
/// 303 See Other: after a POST (or a payment return), the browser follows with a GET, so a refresh never
/// re-sends the form.
/// </summary>
public sealed class SeeOtherResult(string url) : IActionResult
{
    public string Url { get; } = url;

    public Task ExecuteResultAsync(ActionContext context)
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.HttpContext.Response.Headers.Location = Url;
        return Task.CompletedTask;
    }
}
