using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Storefront.Payments.Adyen;

/// <summary>
/// The Checkout base URL: Test, Live (with the prefix) or <c>Adyen:CheckoutUrl</c>; in Sandbox mode, this app's own
/// listening address, learnt lazily because the port is only known once the server listens.
/// </summary>
internal sealed class AdyenCheckoutEndpoint(IOptions<AdyenOptions> options, IServiceProvider services)
{
    private string? _baseUrl;

    public Uri For(string pathAndQuery) => new((_baseUrl ??= ResolveBaseUrl()) + pathAndQuery);

    private string ResolveBaseUrl() =>
        (options.Value.ConfiguredCheckoutUrl?.AbsoluteUri ?? OwnAddress() + AdyenOptions.SandboxCheckoutPath).TrimEnd('/');

    private string OwnAddress() => ListeningAddress(services)
        ?? throw new InvalidOperationException(
            "Adyen:Mode is Sandbox but this app's listening address is not known yet; set Adyen:CheckoutUrl to reach the sandbox.");

    /// <summary>This app's own base address (no trailing slash), or null before the server listens.</summary>
    internal static string? ListeningAddress(IServiceProvider services)
    {
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
            return null;
        foreach (var wildcard in new[] { "://[::]", "://0.0.0.0", "://+", "://*" })
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return address.TrimEnd('/');
    }
}
