using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storefront.Payments.Adyen;

namespace Storefront.Tests.Payments;

/// <summary>
/// Our Adyen client as the app registers it (options, resilience pipeline), on a fake network that answers
/// from a script and remembers every attempt, with every log line captured.
/// </summary>
public sealed class AdyenClientHarness : IDisposable
{
    public const string ApiKey = "AQE-secret-api-key-do-not-log";

    private readonly ServiceProvider _services;

    public AdyenClientHarness(Action<AdyenOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddOptions<AdyenOptions>().Configure(options =>
        {
            options.Mode = AdyenMode.Test;
            options.ApiKey = ApiKey;
            options.MerchantAccount = "StorefrontKR_Test";
            options.RequestTimeout = TimeSpan.FromMilliseconds(500);
            options.RetryDelay = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(options);
        });
        services.AddAdyenCheckoutClient().ConfigurePrimaryHttpMessageHandler(() => Network);
        _services = services.BuildServiceProvider();
    }

    public FakeNetwork Network { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public IAdyenCheckout Client => _services.GetRequiredService<IAdyenCheckout>();

    public void Dispose() => _services.Dispose();

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static PaymentRequest KakaoPay(string reference = "ORD-1-1") => new()
    {
        Amount = new Amount("KRW", 15_000),
        Reference = reference,
        PaymentMethod = new PaymentMethodDetails { Type = "kakaopay" },
        ReturnUrl = "https://shop.example.kr/checkout/return?o=abc",
        ShopperEmail = "minji@example.kr",
    };
}

/// <summary>Answers each attempt with the next scripted reply (the last one repeats) and records the attempts.</summary>
public sealed class FakeNetwork : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _last = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

    private static readonly HttpMessageInvoker RealNetwork = new(new SocketsHttpHandler());

    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    public FakeNetwork Then(HttpStatusCode status, string json) => Then((_, _) => Task.FromResult(AdyenClientHarness.Json(status, json)));

    /// <summary>An attempt that never answers: only the client's timeout ends it.</summary>
    public FakeNetwork ThenHang() => Then(async (_, cancellationToken) =>
    {
        await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    public FakeNetwork ThenRefuseConnection() => Then((_, _) => throw new HttpRequestException("Connection refused"));

    /// <summary>Sends the attempt to the real address over the loopback network.</summary>
    public FakeNetwork ThenPassThrough() => Then((request, cancellationToken) => RealNetwork.SendAsync(request, cancellationToken));

    public FakeNetwork Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> reply)
    {
        _script.Enqueue(reply);
        _last = reply;
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(new Attempt(
            request.Method, request.RequestUri!,
            request.Headers.TryGetValues("X-API-Key", out var keys) ? keys.Single() : null,
            request.Headers.TryGetValues("Idempotency-Key", out var idempotency) ? idempotency.Single() : null,
            request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        var reply = _script.TryDequeue(out var next) ? next : _last;
        return await reply(request, cancellationToken);
    }

    public sealed record Attempt(HttpMethod Method, Uri Uri, string? ApiKey, string? IdempotencyKey, string? Body);
}

public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            logs.Lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            logs.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
