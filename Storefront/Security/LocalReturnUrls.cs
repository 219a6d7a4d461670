using System.Text;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Routing;

namespace Storefront.Security;

/// <summary>
/// Every page handler's <c>returnUrl</c> argument (log-in, log-out, registration, the country picker) is made safe
/// before the handler sees it: one that leaves the site becomes <c>/</c> (home), and a local one
/// with characters a Location header cannot carry (<c>/한국</c>) is percent-encoded. Redirecting to either would
/// otherwise throw.
/// </summary>
public sealed class LocalReturnUrls(IUrlHelperFactory urls) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        foreach (var name in context.HandlerArguments.Keys.Where(k => k.Equals("returnUrl", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (context.HandlerArguments[name] is string returnUrl)
                context.HandlerArguments[name] = urls.GetUrlHelper(context).IsLocalUrl(returnUrl) ? EscapeForHeader(returnUrl) : "/";
        }
        return next();
    }

    /// <summary>Percent-encodes (as UTF-8) what is not printable ASCII; everything else, escapes included, stays.</summary>
    public static string EscapeForHeader(string url)
    {
        if (url.All(c => c is > ' ' and < '\u007f'))
            return url;
        var escaped = new StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f)
            {
                escaped.Append((char)rune.Value);
                continue;
            }
            foreach (var b in bytes[..rune.EncodeToUtf8(bytes)])
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return escaped.ToString();
    }
}
