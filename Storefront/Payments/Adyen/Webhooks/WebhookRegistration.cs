namespace Storefront.Payments.Adyen.Webhooks;

public static class WebhookRegistration
{
    /// <summary>Where Adyen's Customer Area sends standard webhooks (public contract: never move it).</summary>
    public const string StandardPath = "/webhooks/adyen";

    /// <summary>Where the tokenization webhooks (<c>recurring.token.*</c>) go.</summary>
    public const string TokenizationPath = "/webhooks/adyen/tokens";

    public static WebApplicationBuilder AddAdyenWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookTelemetry>();
        builder.Services.AddScoped<WebhookInbox>();
        builder.Services.AddSingleton<WebhookInboxWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookInboxWriter>());
        builder.Services.AddScoped<WebhookReceiver>();
        builder.Services.AddScoped<WebhookProcessor>();
        builder.Services.AddHostedService<WebhookWorker>();
        return builder;
    }

    /// <summary>
    /// Minimal API endpoints, not Razor Pages: no antiforgery (Adyen has no token to send) and no cookie
    /// (F03, docs/payment-failure-modes.md);
    /// Basic auth and the HMAC are checked by <see cref="WebhookReceiver"/>.
    /// </summary>
    public static WebApplication MapAdyenWebhooks(this WebApplication app)
    {
        app.MapPost(StandardPath, (HttpRequest request, WebhookReceiver receiver, CancellationToken cancellationToken) =>
                receiver.ReceiveStandardAsync(request, cancellationToken))
            .DisableAntiforgery()
            .AllowAnonymous();
        app.MapPost(TokenizationPath, (HttpRequest request, WebhookReceiver receiver, CancellationToken cancellationToken) =>
                receiver.ReceiveTokenizationAsync(request, cancellationToken))
            .DisableAntiforgery()
            .AllowAnonymous();
        return app;
    }
}
