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
public sealed class EmailLinks(IOptions<StorefrontOptions> options, IHttpContextAccessor http, IServer server)
{
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
}
