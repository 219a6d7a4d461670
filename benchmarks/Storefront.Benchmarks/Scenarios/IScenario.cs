namespace Storefront.Benchmarks.Scenarios;

/// <summary>
/// One workload. Everything a request needs is prepared first and not measured (shoppers, carts, forms, data); then
/// <see cref="LoadRunner"/> sends and times each <see cref="Measurement"/> the scenario returns, one after the other.
/// Add a scenario to <see cref="ScenarioRegistry"/> to make it runnable by name.
/// </summary>
public interface IScenario
{
    /// <summary>The name on the command line: <c>benchmarks/run.sh NAME</c>.</summary>
    string Name { get; }

    /// <summary>Store settings this scenario needs (configuration keys, e.g. <c>Adyen:Sandbox:ResponseDelay</c>).</summary>
    IReadOnlyDictionary<string, string> StoreSettings { get; }

    /// <summary>
    /// Prepares what the requests need (not measured) and returns what to measure, in order. A measurement is run
    /// with its warm-up + measured requests (<see cref="Measurement.WarmupOr"/>, <see cref="Measurement.RequestsOr"/>):
    /// prepare that many of each.
    /// </summary>
    Task<IReadOnlyList<Measurement>> PrepareAsync(BenchmarkContext context, CancellationToken cancellationToken);
}

/// <summary>What a scenario works with: the running store, one connection pool, the run's options and a log.</summary>
public sealed record BenchmarkContext(StoreProcess Store, HttpClient Http, BenchmarkOptions Options, TextWriter Log);

/// <summary>
/// One kind of request a scenario times. <paramref name="Name"/> heads its result (<c>orders/export</c>);
/// <paramref name="Measures"/> says what one request is.
/// </summary>
public sealed record Measurement(string Name, string Measures, MeasuredRequest Request)
{
    /// <summary>What one request carries, for the count and the rate (<c>notifications/s</c>).</summary>
    public string Unit { get; init; } = "requests";

    /// <summary>Measured requests when not the command line's, e.g. for an export too slow to repeat 2000 times.</summary>
    public int? Requests { get; init; }

    public int? Warmup { get; init; }

    public int? Concurrency { get; init; }

    /// <summary>Runs before the warm-up, e.g. to read a gauge that <see cref="After"/> compares with.</summary>
    public Func<CancellationToken, Task>? Before { get; init; }

    /// <summary>
    /// Runs after the measured requests; its figures are printed under the result: what latencies do not show (how
    /// long a queue took to drain, the server's memory).
    /// </summary>
    public Func<LoadResult, CancellationToken, Task<IReadOnlyList<Figure>>>? After { get; init; }

    public int RequestsOr(BenchmarkOptions options) => Requests ?? options.Requests;

    public int WarmupOr(BenchmarkOptions options) => Warmup ?? options.Warmup;

    public int ConcurrencyOr(BenchmarkOptions options) => Concurrency ?? options.Concurrency;
}

/// <summary>A line of a result that is not a latency: <c>inbox drained   3.2 s after the last 2xx</c>.</summary>
public sealed record Figure(string Label, string Value);
