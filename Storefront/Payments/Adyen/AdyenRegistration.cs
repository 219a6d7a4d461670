using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Storefront.Payments.Adyen;

public static class AdyenRegistration
{
    public static WebApplicationBuilder AddAdyen(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdyenOptions>().BindConfiguration(AdyenOptions.Section)
            .PostConfigure(options => ApplyDefaults(options, builder.Environment))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AdyenOptions>, AdyenOptionsValidator>();
        builder.Services.AddAdyenCheckoutClient();
        return builder;
    }

    /// <summary>The effective mode before the container exists (null when unset or invalid; validation reports it).</summary>
    public static AdyenMode? Mode(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{AdyenOptions.Section}:{nameof(AdyenOptions.Mode)}"];
        if (string.IsNullOrEmpty(configured))
            return builder.Environment.IsDevelopment() ? AdyenMode.Sandbox : null;
        return Enum.TryParse<AdyenMode>(configured, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : null;
    }

    /// <summary>The typed client with its resilience pipeline; tests swap the primary handler on what this returns.</summary>
    internal static IHttpClientBuilder AddAdyenCheckoutClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AdyenCheckoutEndpoint>();

        // The resilience handler owns the timeouts; HttpClient's own 100 s limit would cut the retries short.
        var client = services.AddHttpClient<IAdyenCheckout, AdyenCheckoutClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        client.AddStandardResilienceHandler().Configure((resilience, provider) =>
        {
            var adyen = provider.GetRequiredService<IOptions<AdyenOptions>>().Value;
            resilience.AttemptTimeout.Timeout = adyen.RequestTimeout;
            resilience.Retry.MaxRetryAttempts = Math.Max(adyen.MaxRetries, 1);
            resilience.Retry.Delay = adyen.RetryDelay;
            resilience.Retry.BackoffType = DelayBackoffType.Exponential;
            resilience.Retry.UseJitter = true;
            resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                adyen.MaxRetries > 0
                && IsSafeToRepeat(args.Context.GetRequestMessage())
                && HttpClientResiliencePredicates.IsTransient(args.Outcome));
            // Room for every attempt plus the exponential back-off between them, jitter included.
            var backOff = TimeSpan.FromTicks(adyen.RetryDelay.Ticks * ((1L << (adyen.MaxRetries + 1)) - 1) * 2);
            resilience.TotalRequestTimeout.Timeout = adyen.RequestTimeout * (adyen.MaxRetries + 1) + backOff + TimeSpan.FromSeconds(1);
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, adyen.RequestTimeout.Ticks * 2));
        });
        return client;
    }

    /// <summary>
    /// GET and DELETE are idempotent; a POST only when it carries an Idempotency-Key, because Adyen then answers
    /// a repeat with the first result instead of executing it again.
    /// </summary>
    internal static bool IsSafeToRepeat(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Delete
            || request.Headers.Contains(AdyenCheckoutClient.IdempotencyKeyHeader));

    /// <remarks>The sandbox adds its own webhook secrets after these (<c>AddAdyenSandbox</c>).</remarks>
    private static void ApplyDefaults(AdyenOptions options, IHostEnvironment environment)
    {
        if (options.Mode is null && environment.IsDevelopment())
            options.Mode = AdyenMode.Sandbox;
        if (options.Mode == AdyenMode.Sandbox)
        {
            options.ApiKey ??= AdyenOptions.SandboxApiKey;
            options.MerchantAccount ??= AdyenOptions.SandboxMerchantAccount;
        }
    }
}
