using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Storefront.Payments.Adyen;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// Mounts the Adyen-compatible simulator and its webhook delivery, only when <c>Adyen:Mode</c> is Sandbox (never in
/// Production: the Adyen options refuse it). The store's own code reaches it only through IAdyenCheckout, over HTTP,
/// and hears from it only through its webhook receivers, over HTTP.
/// </summary>
public static class SandboxRegistration
{
    public static WebApplicationBuilder AddAdyenSandbox(this WebApplicationBuilder builder)
    {
        if (AdyenRegistration.Mode(builder) != AdyenMode.Sandbox)
            return builder;
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section)
            .Validate(o => o.ResponseDelay >= TimeSpan.Zero && o.ResponseDelay <= TimeSpan.FromMinutes(5),
                "Adyen:Sandbox:ResponseDelay must be between 00:00:00 and 00:05:00.")
            .Validate(o => o.PaymentsErrorStatus is null or (>= 400 and <= 599),
                "Adyen:Sandbox:PaymentsErrorStatus must be an HTTP error status (400–599), or empty.")
            .Validate(o => o.OfferLifetime > TimeSpan.Zero,
                "Adyen:Sandbox:OfferLifetime must be longer than zero, e.g. 01:00:00.")
            .Validate(o => o.WebhookTimeout > TimeSpan.Zero && o.WebhookTimeout <= TimeSpan.FromMinutes(5),
                "Adyen:Sandbox:WebhookTimeout must be between 00:00:00.001 and 00:05:00.")
            .Validate(o => o.ModificationWebhookDelay >= TimeSpan.Zero && o.ModificationWebhookDelay <= TimeSpan.FromMinutes(10),
                "Adyen:Sandbox:ModificationWebhookDelay must be between 00:00:00 and 00:10:00.")
            .Validate(o => o.WebhookRetryScale is > 0 and <= 1,
                "Adyen:Sandbox:WebhookRetryScale must be more than 0 and at most 1, e.g. 0.001 to compress Adyen's retry schedule.")
            .Validate(o => o.WebhookRetryDelays.All(d => d >= TimeSpan.Zero),
                "Adyen:Sandbox:WebhookRetryDelays must hold waits of 00:00:00 or more.")
            .Validate(o => IsHttpUrlOrEmpty(o.WebhookUrl),
                "Adyen:Sandbox:WebhookUrl must be an absolute http(s) URL, or empty for this app's /webhooks/adyen.")
            .Validate(o => IsHttpUrlOrEmpty(o.TokenWebhookUrl),
                "Adyen:Sandbox:TokenWebhookUrl must be an absolute http(s) URL, or empty for this app's /webhooks/adyen/tokens.")
            .ValidateOnStart();
        // Made once here, not in the post-configure: options are rebuilt when the configuration reloads, and the
        // webhook secrets of a running sandbox must not change under the webhooks it has already signed. Registered
        // after AddAdyen's defaults, which settle the mode first.
        var secrets = SandboxWebhookSecrets.Generate();
        builder.Services.PostConfigure<AdyenOptions>(options =>
        {
            if (options.Mode == AdyenMode.Sandbox)
                secrets.ApplyTo(options);
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AdyenSandbox>();
        // No resilience handler: the delivery retries on Adyen's own schedule, and a redirect is not an acceptance.
        builder.Services.AddHttpClient(SandboxWebhookDelivery.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        builder.Services.AddHostedService<SandboxWebhookDelivery>();
        return builder;
    }

    private static bool IsHttpUrlOrEmpty(string? value) =>
        string.IsNullOrEmpty(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    public static WebApplication MapAdyenSandbox(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AdyenOptions>>().Value.Mode != AdyenMode.Sandbox)
            return app;
        if (app.Services.GetService<AdyenSandbox>() is null)
            throw new InvalidOperationException("Adyen:Mode is Sandbox: call builder.AddAdyenSandbox() before mapping the sandbox.");
        SandboxCheckoutApi.Map(app);
        SandboxApprovalPage.Map(app);
        return app;
    }
}
