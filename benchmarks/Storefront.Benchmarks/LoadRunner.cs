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
    public static async Task<LoadResult> RunAsync(string name, MeasuredRequest request, int requests, int concurrency,
        TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var latencies = new TimeSpan?[requests];
        var answered = 0;
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
                var latency = Stopwatch.GetElapsedTime(sent);
                Interlocked.Increment(ref answered);
                if (error is null)
                    latencies[index] = latency;
                else
                    errors.AddOrUpdate(error, 1, (_, count) => count + 1);
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        cancellationToken.ThrowIfCancellationRequested();

        var expected = latencies.Where(l => l is not null).Select(l => l!.Value).ToArray();
        return LoadResult.From(name, concurrency, answered, expected, errors, elapsed, stoppedByTimeLimit: answered < requests);
    }
}

/// <summary>
/// What one run measured. <see cref="Requests"/> counts every answered request, errors included; the latencies are
/// those of the requests answered as expected (an error's time, a fast 401 or a slow timeout, would blur them).
/// </summary>
public sealed record LoadResult(
    string Name,
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

    public static LoadResult From(string name, int concurrency, int answered, IReadOnlyCollection<TimeSpan> expectedLatencies,
        IReadOnlyDictionary<string, int> errorsByKind, TimeSpan elapsed, bool stoppedByTimeLimit)
    {
        var sorted = expectedLatencies.Order().ToArray();
        return new LoadResult(name, concurrency, answered, errorsByKind.Values.Sum(),
            new SortedDictionary<string, int>(errorsByKind.ToDictionary()), elapsed,
            Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.LastOrDefault(), stoppedByTimeLimit);
    }

    /// <summary>Nearest rank over <paramref name="sorted"/> (ascending): the smallest latency that at least <paramref name="percent"/>% did not exceed.</summary>
    public static TimeSpan Percentile(TimeSpan[] sorted, int percent) =>
        sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];
}
