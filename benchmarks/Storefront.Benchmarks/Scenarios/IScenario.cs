namespace Storefront.Benchmarks.Scenarios;

/// <summary>
/// One workload. Everything a request needs is prepared first and not measured (shoppers, carts, forms); then
/// <see cref="LoadRunner"/> sends and times the one request the scenario is about. Add a scenario to
/// <see cref="ScenarioRegistry"/> to make it runnable by name.
/// </summary>
public interface IScenario
{
    /// <summary>The name on the command line: <c>benchmarks/run.sh NAME</c>.</summary>
    string Name { get; }

    /// <summary>What one measured request is, for the report.</summary>
    string Measures { get; }

    /// <summary>Store settings this scenario needs (configuration keys, e.g. <c>Adyen:Sandbox:ResponseDelay</c>).</summary>
    IReadOnlyDictionary<string, string> StoreSettings { get; }

    /// <summary>Prepares <paramref name="count"/> requests (not measured) and returns the request to measure.</summary>
    Task<MeasuredRequest> PrepareAsync(BenchmarkContext context, int count, CancellationToken cancellationToken);
}

/// <summary>What a scenario works with: the running store, one connection pool, the run's options and a log.</summary>
public sealed record BenchmarkContext(StoreProcess Store, HttpClient Http, BenchmarkOptions Options, TextWriter Log);
