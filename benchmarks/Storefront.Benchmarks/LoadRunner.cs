using System.Collections.Concurrent;
using System.Diagnostics;

namespace Storefront.Benchmarks;

/// <summary>
/// One measured request: the <paramref name="index"/>th of the run (0-based). Returns null when the store answered
/// as expected, else a short description of what went wrong ("HTTP 500"), which counts as an error.
/// </summary>
public delegate Task<string?> MeasuredRequest(int index, CancellationToken cancellationToken);

/// <summary>Sends N requests with at most C in flight and a time limit, and times each one.</summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(string scenario, MeasuredRequest request, int requests, int concurrency,
        TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var latencies = new TimeSpan?[requests];
        var errors = new ConcurrentDictionary<string, int>();
        var next = -1;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);

        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Min(concurrency, requests)).Select(_ => Task.Run(async () =>
        {
            for (var index = Interlocked.Increment(ref next); index < requests && !limit.IsCancellationRequested; index = Interlocked.Increment(ref next))
            {
                var sent = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await request(index, limit.Token);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    // Cut short by the time limit or Ctrl+C: neither answered nor failed.
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                {
                    error = ex.GetType().Name;
                }
                latencies[index] = Stopwatch.GetElapsedTime(sent);
                if (error is not null)
                    errors.AddOrUpdate(error, 1, (_, count) => count + 1);
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        cancellationToken.ThrowIfCancellationRequested();

        var answered = latencies.Where(l => l is not null).Select(l => l!.Value).ToArray();
        return LoadResult.From(scenario, concurrency, answered, errors, elapsed, stoppedByTimeLimit: answered.Length < requests);
    }
}

/// <summary>What one run measured. Latencies are over every answered request, errors included.</summary>
public sealed record LoadResult(
    string Scenario,
    int Concurrency,
    int Requests,
    int Errors,
    IReadOnlyDictionary<string, int> ErrorsByKind,
    TimeSpan Elapsed,
    TimeSpan P50,
    TimeSpan P95,
    TimeSpan P99,
    TimeSpan Max,
    bool StoppedByTimeLimit)
{
    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    public static LoadResult From(string scenario, int concurrency, IReadOnlyCollection<TimeSpan> latencies,
        IReadOnlyDictionary<string, int> errorsByKind, TimeSpan elapsed, bool stoppedByTimeLimit)
    {
        var sorted = latencies.Order().ToArray();
        return new LoadResult(scenario, concurrency, sorted.Length, errorsByKind.Values.Sum(),
            new SortedDictionary<string, int>(errorsByKind.ToDictionary()), elapsed,
            Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.LastOrDefault(), stoppedByTimeLimit);
    }

    /// <summary>Nearest rank: the smallest latency that at least <paramref name="percent"/>% of requests did not exceed.</summary>
    private static TimeSpan Percentile(TimeSpan[] sorted, int percent) =>
        sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];
}
