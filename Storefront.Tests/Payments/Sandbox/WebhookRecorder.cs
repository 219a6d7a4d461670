using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Tests.Payments.Sandbox;

/// <summary>
/// A stand-in for the store's webhook receivers: a minimal app on Kestrel (127.0.0.1, a free port) that records
/// every request and answers 200, or what a script says for the requests it matches (a status, or
/// <see cref="Hang"/>: no answer until the caller gives up).
/// </summary>
public sealed class WebhookRecorder : IDisposable
{
    public const int Hang = 0;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>What a hung receiver waits for: nothing, until the caller hangs up.</summary>
    private static readonly Task Never = new TaskCompletionSource().Task;

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly List<(Func<ReceivedWebhook, bool> Match, Queue<int> Answers)> _scripts = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _arrived = NewSignal();

    private WebhookRecorder(WebApplication app) => _app = app;

    /// <summary>The receiver's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string StandardUrl => new Uri(BaseAddress, "webhooks/adyen").AbsoluteUri;

    public string TokensUrl => new Uri(BaseAddress, "webhooks/adyen/tokens").AbsoluteUri;

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get { lock (_gate) return _received.ToArray(); }
    }

    public static WebhookRecorder Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookRecorder(app);
        app.MapPost("/{**path}", receiver.ReceiveAsync);
        app.Start();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return receiver;
    }

    /// <summary>The next requests that match get these answers in turn; after them, 200 again.</summary>
    public void Script(Func<ReceivedWebhook, bool> match, params int[] answers)
    {
        lock (_gate) _scripts.Add((match, new Queue<int>(answers)));
    }

    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match) => (await WaitForAsync(match, 1))[0];

    /// <summary>Waits (at most 20 s) until <paramref name="count"/> matching requests have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> match, int count)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var matching = _received.Where(match).ToArray();
                if (matching.Length >= count)
                    return matching;
                arrived = _arrived.Task;
            }
            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} matching webhooks within {Deadline}; received:\n  "
                    + string.Join("\n  ", Received.Select(r => r.ToString())));
            }
        }
    }

    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
            return;
        _stopping.Cancel();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var webhook = new ReceivedWebhook(
            context.Request.Path, buffer.ToArray(), context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["HmacSignature"].ToString(), context.Request.ContentType, DateTimeOffset.UtcNow);
        int answer;
        TaskCompletionSource arrived;
        lock (_gate)
        {
            answer = _scripts.FirstOrDefault(s => s.Answers.Count > 0 && s.Match(webhook)).Answers?.Dequeue() ?? StatusCodes.Status200OK;
            _received.Add(webhook with { Answer = answer });
            arrived = _arrived;
            _arrived = NewSignal();
        }
        arrived.SetResult();

        if (answer == Hang)
        {
            using var givenUp = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Never.WaitAsync(givenUp.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = answer;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One request as the receiver got it: the raw body (HMAC of tokenization webhooks is over these bytes) and headers.</summary>
public sealed record ReceivedWebhook(string Path, byte[] RawBody, string Authorization, string HmacSignature, string? ContentType, DateTimeOffset At)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The status the receiver answered, or <see cref="WebhookRecorder.Hang"/>.</summary>
    public int Answer { get; init; }

    public string Body => Encoding.UTF8.GetString(RawBody);

    public bool IsTokenization => Path == "/webhooks/adyen/tokens";

    public NotificationRequest? Standard => IsTokenization ? null : JsonSerializer.Deserialize<NotificationRequest>(RawBody, Json);

    /// <summary>The one NotificationRequestItem of a standard webhook.</summary>
    public NotificationRequestItem? Item => Standard?.NotificationItems?.Single().Item;

    public TokenizationNotification? Token => IsTokenization ? JsonSerializer.Deserialize<TokenizationNotification>(RawBody, Json) : null;

    public override string ToString() => $"{Path} → {Answer}: {Body}";
}
