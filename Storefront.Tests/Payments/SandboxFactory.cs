using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Payments.Adyen;
using Storefront.Payments.Sandbox;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// The app in Sandbox mode, recording every exchange between our Adyen client and the sandbox: the requests as
/// our client sent them and the responses as the sandbox gave them.
/// </summary>
public class SandboxFactory : StorefrontFactory
{
    public SandboxFactory()
    {
        Settings["Adyen:Mode"] = "Sandbox";
        Settings["Adyen:RetryDelay"] = "00:00:00.010";
    }

    public ConcurrentQueue<AdyenExchange> Exchanges { get; } = new();

    public IAdyenCheckout Adyen => Services.GetRequiredService<IAdyenCheckout>();

    public AdyenSandbox Sandbox => Services.GetRequiredService<AdyenSandbox>();

    /// <summary>A returnUrl on this app, like the checkout will send.</summary>
    public string ReturnUrl(string reference) => new Uri(BaseAddress, $"checkout/return?o={Uri.EscapeDataString(reference)}").AbsoluteUri;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new RecordingHandler(Exchanges))));
    }

    private sealed class RecordingHandler(ConcurrentQueue<AdyenExchange> exchanges) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The sandbox's webhook deliveries go through the same handlers; only Checkout calls are exchanges.
            if (!request.RequestUri!.AbsolutePath.StartsWith(AdyenOptions.SandboxCheckoutPath, StringComparison.Ordinal))
                return await base.SendAsync(request, cancellationToken);
            var requestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
            exchanges.Enqueue(new AdyenExchange(
                request.Method, request.RequestUri!, requestBody, (int)response.StatusCode, responseBody.Length == 0 ? null : responseBody,
                request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null));
            return response;
        }
    }
}

public sealed record AdyenExchange(HttpMethod Method, Uri Uri, string? RequestBody, int Status, string? ResponseBody, string? IdempotencyKey)
{
    /// <summary>The path under the Checkout base URL, e.g. /payments/details.</summary>
    public string OperationPath => Uri.AbsolutePath[(Uri.AbsolutePath.IndexOf("/v71", StringComparison.Ordinal) + "/v71".Length)..];

    public override string ToString() => $"{Method} {OperationPath} → {Status}";
}

/// <summary>The sandbox answering redirects with a POST action and returning the shopper by POST form.</summary>
public sealed class PostVariantSandboxFactory : SandboxFactory
{
    public PostVariantSandboxFactory()
    {
        Settings["Adyen:Sandbox:RedirectMethod"] = "POST";
        Settings["Adyen:Sandbox:ReturnMethod"] = "POST";
    }
}
