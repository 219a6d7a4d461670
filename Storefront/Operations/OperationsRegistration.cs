using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Storefront.Account;
using Storefront.Background;
using Storefront.Shared;

namespace Storefront.Operations;

public static class OperationsRegistration
{
    /// <summary>Every room's ActivitySource and Meter is named <c>Storefront.{Room}</c>: this picks them all up without knowing them.</summary>
    private const string StoreSources = "Storefront.*";

    /// <summary>
    /// OpenTelemetry: spans for ASP.NET Core, HttpClient (the Adyen client) and EF Core, with the store's own sources;
    /// the ASP.NET Core, HttpClient and runtime metrics with the store's meters. Exported by OTLP only when the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and scraped at <c>/metrics</c> only when <c>Operations:MetricsScrape</c>
    /// says where; nothing leaves the process otherwise.
    /// </summary>
    public static WebApplicationBuilder AddStorefrontTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("storefront"))
            .WithTracing(tracing => tracing
                // Probes and scrapes every few seconds would bury the shoppers' traces.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !WebRegistration.IsProbe(context.Request.Path))
                // Headers (the API key) and bodies (personal data) are never recorded; query strings are redacted.
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(StoreSources))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter(StoreSources);
                if (options.MetricsScrape != MetricsScrape.None)
                    metrics.AddPrometheusExporter();
            });
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.WithLogging().UseOtlpExporter();

        // Every line written inside a request or a worker's span carries its trace and span ids (the console prints
        // them with the scopes, OTLP with the record), so a log line leads to its trace. The host's default today;
        // said here because the README's Operations section promises it.
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        builder.Services.AddSingleton<QueueGauges>();
        builder.Services.AddPeriodicJob<QueueSampler>();
        return builder;
    }

    /// <summary>
    /// <c>/readyz</c>: the database (the liveness check), this node's webhook worker and the inbox lag. A lagging inbox
    /// only degrades it: the node still serves shoppers, and taking it out would not drain the inbox faster.
    /// </summary>
    public static WebApplicationBuilder AddReadiness(this WebApplicationBuilder builder)
    {
        string[] ready = [WebRegistration.ReadinessTag];
        builder.Services.AddHealthChecks()
            .AddCheck<WebhookWorkerCheck>("webhook-worker", tags: ready)
            .AddCheck<InboxLagCheck>("inbox-lag", tags: ready);
        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks(WebRegistration.ReadyPath, new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = WebRegistration.WriteHealth,
        });
        var options = app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value;
        if (options.MetricsScrape == MetricsScrape.Port)
        {
            // The port the connection came in on, not the Host header: anyone can write any Host, but nobody outside
            // reaches a port the load balancer does not publish.
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Connection.LocalPort == options.MetricsPort && context.Request.Path == WebRegistration.MetricsPath);
        }
        else if (options.MetricsScrape == MetricsScrape.Merchandiser)
            app.MapPrometheusScrapingEndpoint(WebRegistration.MetricsPath).RequireAuthorization(AccountRegistration.MerchandiserPolicy);
        return app;
    }
}
