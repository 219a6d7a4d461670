using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Storefront.Shared;

namespace Storefront.Notifications;

/// <summary>
/// The base of absolute links in e-mails, which are rendered where there may be no request (the webhook worker): from
/// <c>Storefront:PublicBaseUrl</c>, which is required outside Development; else (Development) the request's base URL,
/// as the payment return link uses it, or without a request this node's own address.
/// </summary>
public sealed partial class EmailLinks(IOptions<StorefrontOptions> options, IHttpContextAccessor http, IServer server)
{
    /// <summary>
    /// The HTML with every absolute link's scheme and host replaced by <see cref="BaseUrl"/> (path and query kept): a
    /// link someone else built from a request (Identity UI's) can then point nowhere but at the shop.
    /// </summary>
    public string OnBaseUrl(string html) => Href().Replace(html, match =>
    {
        var url = new Uri(WebUtility.HtmlDecode(match.Groups["url"].Value));
        return $"{match.Groups["before"].Value}{WebUtility.HtmlEncode(BaseUrl() + url.PathAndQuery + url.Fragment)}{match.Groups["after"].Value}";
    });

    public string BaseUrl()
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
            return configured.TrimEnd('/');
        if (http.HttpContext?.Request is { } request)
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Set Storefront:PublicBaseUrl: the server has no address to build e-mail links from.");
        // A wildcard binding (http://+:80, http://[::]:5000) is no address a shopper can open.
        return address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }

    [GeneratedRegex("""(?<before>href\s*=\s*(?<quote>['"]))(?<url>https?://[^'"]+)(?<after>\k<quote>)""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
