using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Benchmarks.Scenarios;

/// <summary>
/// Adyen posting AUTHORISATION webhooks to the running store: each request is one unique notification, signed with
/// the HMAC key and sent with the Basic auth this run configures, as the Customer Area would. What is measured is the
/// ingestion (Basic auth, HMAC, one insert into the inbox, the 202). The merchant references are made up, so the worker
/// files every row as Unmatched afterwards; how long it takes to work off the inbox is read from the database.
/// </summary>
public sealed class WebhooksScenario : IScenario
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(100);

    // Fresh secrets for every run: the store is started with them, the requests are signed and sent with them.
    private readonly string _hmacKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private readonly string _username = "adyen-benchmark";
    private readonly string _password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private readonly bool _killMidStream;

    /// <param name="killMidStream">
    /// <c>webhooks-kill</c>: SIGKILL the store when half of the measured notifications are acknowledged, then count,
    /// in the database file it left behind, how many acknowledged notifications are not there (must be 0).
    /// </param>
    public WebhooksScenario(bool killMidStream = false)
    {
        _killMidStream = killMidStream;
        StoreSettings = new Dictionary<string, string>
        {
            ["Adyen:HmacKeys:0"] = _hmacKey,
            ["Adyen:WebhookUsername"] = _username,
            ["Adyen:WebhookPassword"] = _password,
        };
    }

    public string Name => _killMidStream ? "webhooks-kill" : "webhooks";

    public IReadOnlyDictionary<string, string> StoreSettings { get; }

    public Task<IReadOnlyList<Measurement>> PrepareAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var count = context.Options.Warmup + context.Options.Requests;
        // Unique per run as well as per request, so that no notification is a duplicate of another.
        var run = Convert.ToHexString(RandomNumberGenerator.GetBytes(3));
        var bodies = Enumerable.Range(0, count).Select(index => Body(run, index)).ToArray();
        var authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_username}:{_password}")));
        context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Prepared {count} signed AUTHORISATION notifications."));
        if (_killMidStream)
            return Task.FromResult<IReadOnlyList<Measurement>>([KillMidStream(context, run, bodies, authorization)]);

        var measurement = new Measurement(Name,
            $"POST {WebhookRegistration.StandardPath} of one signed AUTHORISATION notification, up to the 202",
            async (index, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, WebhookRegistration.StandardPath)
                {
                    Content = new ByteArrayContent(bodies[index]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                request.Headers.Authorization = authorization;
                using var response = await context.Http.SendAsync(request, token);
                return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            })
        {
            Unit = "notifications",
            After = (_, token) => DrainAsync(context, token),
        };
        return Task.FromResult<IReadOnlyList<Measurement>>([measurement]);
    }

    /// <summary>
    /// Sends the notifications as <c>webhooks</c> does and kills the store (SIGKILL, no shutdown of any kind) once half
    /// of the measured ones are acknowledged, with the rest in flight. Requests not sent or not answered by then are not
    /// acknowledged, so Adyen would send them again; every acknowledged one must be in the database file afterwards.
    /// </summary>
    private Measurement KillMidStream(BenchmarkContext context, string run, byte[][] bodies, AuthenticationHeaderValue authorization)
    {
        var warmup = context.Options.Warmup;
        var killAt = Math.Max(1, context.Options.Requests / 2);
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var measuredAcknowledged = 0;
        var killed = 0;
        return new Measurement("webhooks-kill",
            $"POST {WebhookRegistration.StandardPath} of one signed notification, the store killed with SIGKILL after {killAt} measured 202s",
            async (index, token) =>
            {
                if (Volatile.Read(ref killed) == 1)
                    return null; // not sent: the store is gone, nothing was acknowledged
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, WebhookRegistration.StandardPath)
                    {
                        Content = new ByteArrayContent(bodies[index]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                    };
                    request.Headers.Authorization = authorization;
                    using var response = await context.Http.SendAsync(request, token);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                        return Volatile.Read(ref killed) == 1 ? null : $"HTTP {(int)response.StatusCode}";
                    acknowledged[PspReference(run, index)] = true;
                    if (index >= warmup && Interlocked.Increment(ref measuredAcknowledged) == killAt && Interlocked.Exchange(ref killed, 1) == 0)
                        context.Store.Kill();
                    return null;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException && Volatile.Read(ref killed) == 1)
                {
                    return null; // in flight when the store died: never acknowledged
                }
            })
        {
            Unit = "notifications",
            After = (_, token) => CountLostAsync(context, acknowledged.Keys, token),
        };
    }

    private static async Task<IReadOnlyList<Figure>> CountLostAsync(BenchmarkContext context, ICollection<string> acknowledged,
        CancellationToken cancellationToken)
    {
        await using var db = context.Store.OpenDatabase();
        var stored = (await db.WebhookMessages.Select(m => m.PspReference).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var lost = acknowledged.Count(reference => !stored.Contains(reference));
        var figures = new List<Figure>
        {
            new("acknowledged", $"{acknowledged.Count} notifications answered 202 before and while the store was killed"),
            new("in the database", $"{stored.Count} rows in the file the killed store left (acknowledged or not)"),
            new("lost", $"{lost} acknowledged notifications not in the database"),
        };
        if (lost > 0)
            throw new InvalidOperationException($"{lost} acknowledged notifications were lost when the store was killed.");
        return figures;
    }

    private static string PspReference(string run, int index) => string.Create(CultureInfo.InvariantCulture, $"B{run}{index:D9}");

    /// <summary>The standard body, one item, signed with <see cref="AdyenHmac"/> exactly as Adyen (and the sandbox) signs it.</summary>
    private byte[] Body(string run, int index)
    {
        var item = new NotificationRequestItem
        {
            Amount = new Amount("KRW", 15_000 + index % 40 * 1_000),
            EventCode = AdyenEventCodes.Authorisation,
            EventDate = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            MerchantAccountCode = AdyenOptions.SandboxMerchantAccount,
            MerchantReference = string.Create(CultureInfo.InvariantCulture, $"SF-BENCH{run}{index:D7}-1"),
            PaymentMethod = "kakaopay",
            PspReference = PspReference(run, index),
            Reason = "",
            Success = "true",
        };
        var signed = item with { AdditionalData = new Dictionary<string, string> { ["hmacSignature"] = AdyenHmac.Sign(item, _hmacKey) } };
        return JsonSerializer.SerializeToUtf8Bytes(new NotificationRequest
        {
            Live = "false",
            NotificationItems = [new NotificationItemContainer { Item = signed }],
        }, Json);
    }

    /// <summary>
    /// Polls the store's database (read-only, beside the running store) from the end of the measured requests until
    /// no row is Pending or Failed: the time the worker needed for what ingestion left behind, and the rows' fate.
    /// </summary>
    private static async Task<IReadOnlyList<Figure>> DrainAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.StartNew();
        var backlog = await WaitingAsync(context.Store, cancellationToken);
        var left = backlog;
        using var poll = new PeriodicTimer(DrainPoll);
        while (left > 0 && waiting.Elapsed < context.Options.TimeLimit && await poll.WaitForNextTickAsync(cancellationToken))
            left = await WaitingAsync(context.Store, cancellationToken);
        var drained = waiting.Elapsed;

        await using var db = context.Store.OpenDatabase();
        var byStatus = await db.WebhookMessages.GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var rows = string.Join(", ", byStatus.OrderBy(s => s.Status).Select(s => $"{s.Status} {s.Count}"));
        return
        [
            new Figure("backlog", $"{backlog} rows Pending or Failed when the last notification was answered"),
            new Figure("inbox drained", left == 0
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{drained.TotalSeconds:0.00} s later ({(backlog == 0 ? 0 : backlog / drained.TotalSeconds):0} rows/s), polling the database file every {DrainPoll.TotalMilliseconds:0} ms")
                : $"not within the time limit: {left} rows still waiting"),
            new Figure("inbox rows", rows),
        ];
    }

    private static async Task<int> WaitingAsync(StoreProcess store, CancellationToken cancellationToken)
    {
        await using var db = store.OpenDatabase();
        return await db.WebhookMessages.CountAsync(m => m.Status == WebhookStatus.Pending || m.Status == WebhookStatus.Failed, cancellationToken);
    }
}
