using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Storefront.Security;

/// <summary>
/// The Identity UI pages we did not replace answer a request they cannot serve by throwing: a confirmation or reset
/// link whose code is not base64 (FormatException), a two-factor page opened without two-factor sign-in or without
/// two-factor enabled (InvalidOperationException), a form posted without its fields (ArgumentNullException,
/// NullReferenceException). Those are bad requests, not server errors: 400, and nothing changed.
/// Only Identity UI's own page models are guarded; an exception from our code stays a 500 that someone must look at.
/// </summary>
public sealed class IdentityUiGuard : IAsyncPageFilter
{
    private static readonly System.Reflection.Assembly IdentityUi = typeof(IdentityBuilderUIExtensions).Assembly;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is FormatException or InvalidOperationException or ArgumentException or NullReferenceException
            && !executed.ExceptionHandled
            && context.HandlerInstance.GetType().Assembly == IdentityUi)
        {
            executed.ExceptionHandled = true;
            executed.Result = new BadRequestResult();
        }
    }
}
