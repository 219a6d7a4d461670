using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Storefront.Payments.Adyen;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// Posts the sandbox's events to the store as Adyen does: asynchronously, signed, with Basic auth, accepted on any
/// 2xx within <c>Adyen:Sandbox:WebhookTimeout</c> and otherwise retried on <see cref="SandboxWebhookSchedule"/>.
/// The attempts of one event follow each other; different events go in parallel, a few requests at a time.
/// Every attempt is recorded in <see cref="AdyenSandbox.Deliveries"/>. Nothing here knows the store's receivers:
/// it only speaks HTTP to their URLs.
/// </summary>
internal sealed partial class SandboxWebhookDelivery(
    AdyenSandbox sandbox,
    IHttpClientFactory httpClients,
    IOptionsMonitor<SandboxOptions> sandboxOptions,
    IOptionsMonitor<AdyenOptions> adyenOptions,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<SandboxWebhookDelivery> logger) : BackgroundService
{
    public const string HttpClientName = "Storefront.Payments.Sandbox.Webhooks";

    public const string StandardPath = "/webhooks/adyen";

    public const string TokenizationPath = "/webhooks/adyen/tokens";

    private const int MaxParallelRequests = 4;

    private readonly SemaphoreSlim _requests = new(MaxParallelRequests);
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var sandboxEvent in sandbox.Events.ReadAllAsync(stoppingToken))
            {
                if (!sandboxOptions.CurrentValue.DeliverWebhooks)
                    continue;
                var delivery = DeliverAsync(sandboxEvent, stoppingToken);
                _running.TryAdd(delivery, true);
                _ = delivery.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: events not yet delivered are lost with the rest of the sandbox's memory.
        }
        finally
        {
            await Task.WhenAll(_running.Keys);
        }
    }

    public override void Dispose()
    {
        _requests.Dispose();
        base.Dispose();
    }

    /// <summary>Never throws: a store that is down, slow or broken must not take the sandbox with it.</summary>
    private async Task DeliverAsync(SandboxEvent sandboxEvent, CancellationToken stoppingToken)
    {
        try
        {
            if (sandboxEvent.IsModificationOutcome && sandboxOptions.CurrentValue.ModificationWebhookDelay is { } hold && hold > TimeSpan.Zero)
                await Task.Delay(hold, timeProvider, stoppingToken);
            // Signed once, when the event is sent first, like Adyen: a retry carries the same bytes and signature.
            var message = SandboxWebhookMessage.Create(sandboxEvent, adyenOptions.CurrentValue);
            if (!message.Signed)
                LogUnsigned(logger, sandboxEvent.EventCode, sandboxEvent.IsTokenization ? "Adyen:TokenizationHmacKeys:0" : "Adyen:HmacKeys:0");
            using var retryDelays = SandboxWebhookSchedule.RetryDelays(sandboxOptions.CurrentValue).GetEnumerator();
            for (var attempt = 1; ; attempt++)
            {
                var delivery = await AttemptAsync(message, attempt, stoppingToken);
                if (delivery.Accepted)
                {
                    sandbox.RecordDelivery(delivery);
                    LogAccepted(logger, sandboxEvent.EventCode, sandboxEvent.PspReference, attempt, delivery.StatusCode);
                    sandbox.Delivered(sandboxEvent);
                    return;
                }

                var retry = retryDelays.MoveNext();
                sandbox.RecordDelivery(delivery with { GaveUp = !retry });
                if (!retry)
                {
                    LogGaveUp(logger, sandboxEvent.EventCode, sandboxEvent.PspReference, attempt, delivery.Failure);
                    return;
                }
                LogFailed(logger, sandboxEvent.EventCode, sandboxEvent.PspReference, attempt, delivery.Failure, retryDelays.Current);
                if (retryDelays.Current > TimeSpan.Zero)
                    await Task.Delay(retryDelays.Current, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            LogBroken(logger, sandboxEvent.EventCode, sandboxEvent.PspReference, ex);
        }
    }

    private async Task<SandboxDelivery> AttemptAsync(SandboxWebhookMessage message, int attempt, CancellationToken stoppingToken)
    {
        var options = sandboxOptions.CurrentValue;
        Uri? url = null;
        int? status = null;
        string? failure;
        await _requests.WaitAsync(stoppingToken);
        var startedAt = timeProvider.GetUtcNow();
        var started = timeProvider.GetTimestamp();
        try
        {
            url = Target(message.Event, options);
            using var request = Request(message, url, adyenOptions.CurrentValue);
            using var timeout = new CancellationTokenSource(options.WebhookTimeout, timeProvider);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            status = (int)response.StatusCode;
            failure = response.IsSuccessStatusCode ? null : $"answered {status}";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            failure = $"no answer within {options.WebhookTimeout}";
        }
        catch (HttpRequestException ex)
        {
            failure = $"could not be reached ({ex.HttpRequestError})";
        }
        catch (InvalidOperationException ex) when (url is null)
        {
            failure = ex.Message;
        }
        finally
        {
            _requests.Release();
        }
        return new SandboxDelivery(message.Event, attempt, url is null ? null : WithoutUserInfo(url), status, failure,
            startedAt, timeProvider.GetElapsedTime(started));
    }

    private static HttpRequestMessage Request(SandboxWebhookMessage message, Uri url, AdyenOptions adyen)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(message.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (adyen.WebhookUsername is { Length: > 0 } username)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{adyen.WebhookPassword}")));
        }
        if (message.HmacSignatureHeader is { } signature)
            request.Headers.Add(SandboxWebhookMessage.HmacSignatureHeaderName, signature);
        return request;
    }

    /// <summary><c>Adyen:Sandbox:WebhookUrl</c> / <c>TokenWebhookUrl</c>, or this app's own receivers, learnt once it listens.</summary>
    private Uri Target(SandboxEvent sandboxEvent, SandboxOptions options)
    {
        var configured = sandboxEvent.IsTokenization ? options.TokenWebhookUrl : options.WebhookUrl;
        if (configured is { Length: > 0 })
            return new Uri(configured);
        var ownAddress = AdyenCheckoutEndpoint.ListeningAddress(services)
            ?? throw new InvalidOperationException("this app's listening address is not known yet");
        return new Uri(ownAddress + (sandboxEvent.IsTokenization ? TokenizationPath : StandardPath));
    }

    private static Uri WithoutUserInfo(Uri url) =>
        new(url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped));

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information,
        Message = "Sandbox webhook {EventCode} {PspReference} accepted on attempt {Attempt} with {StatusCode}")]
    private static partial void LogAccepted(ILogger logger, string eventCode, string pspReference, int attempt, int? statusCode);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning,
        Message = "Sandbox webhook {EventCode} {PspReference} attempt {Attempt} failed: {Failure}; next try in {RetryDelay}")]
    private static partial void LogFailed(ILogger logger, string eventCode, string pspReference, int attempt, string? failure, TimeSpan retryDelay);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error,
        Message = "Sandbox webhook {EventCode} {PspReference} given up after {Attempt} attempts; the last one: {Failure}")]
    private static partial void LogGaveUp(ILogger logger, string eventCode, string pspReference, int attempt, string? failure);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning,
        Message = "Sandbox webhook {EventCode} sent unsigned: set {KeySetting} (hex) to sign it as Adyen does")]
    private static partial void LogUnsigned(ILogger logger, string eventCode, string keySetting);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Error,
        Message = "Sandbox webhook {EventCode} {PspReference} could not be delivered")]
    private static partial void LogBroken(ILogger logger, string eventCode, string pspReference, Exception exception);
}
