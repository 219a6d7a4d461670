using System.Reflection;
using System.Runtime.InteropServices;
using Storefront.Benchmarks.Scenarios;

namespace Storefront.Benchmarks;

/// <summary>
/// Starts the real store, prepares a scenario, warms up, then measures it and prints one result:
/// <c>dotnet run -c Release --project benchmarks/Storefront.Benchmarks -- checkout --requests 2000 --concurrency 8</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var scenarioNames = ScenarioRegistry.All.Select(s => s.Name);
        if (args is ["--help" or "-h"])
        {
            Console.WriteLine(BenchmarkOptions.Usage(scenarioNames));
            return 0;
        }
        var (options, error) = BenchmarkOptions.Parse(args);
        var scenario = options is null ? null : ScenarioRegistry.Find(options.Scenario);
        if (options is null || scenario is null)
        {
            Console.Error.WriteLine(error ?? $"No scenario '{options!.Scenario}'.");
            Console.Error.WriteLine(BenchmarkOptions.Usage(scenarioNames));
            return 2;
        }
        if (typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration != "Release")
        {
            Console.Error.WriteLine("This is not a Release build of the benchmark: run benchmarks/run.sh, or dotnet run -c Release.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        // Ctrl+C or SIGTERM stops the run and, through disposal, the store and its files; a second one ends at once.
        void StopRun(PosixSignalContext signal)
        {
            signal.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        }
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopRun);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopRun);

        try
        {
            return await RunAsync(scenario, options, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped.");
            return 130;
        }
    }

    private static async Task<int> RunAsync(IScenario scenario, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var log = Console.Out;
        var settings = new Dictionary<string, string>(scenario.StoreSettings);
        foreach (var (key, value) in options.StoreSettings)
            settings[key] = value;

        await using var store = await StoreProcess.StartAsync(settings, log, cancellationToken);
        using var http = ShopperSession.CreateSharedClient(store.BaseAddress);
        var measurements = await scenario.PrepareAsync(new BenchmarkContext(store, http, options, log), cancellationToken);

        var allAnswered = true;
        foreach (var measurement in measurements)
            allAnswered &= await MeasureAsync(store, measurement, options, log, cancellationToken);
        return allAnswered ? 0 : 1;
    }

    /// <summary>Warms up, measures and prints one measurement; true when every measured request got the expected answer.</summary>
    private static async Task<bool> MeasureAsync(StoreProcess store, Measurement measurement, BenchmarkOptions options, TextWriter log,
        CancellationToken cancellationToken)
    {
        var (warmup, requests, concurrency) = (measurement.WarmupOr(options), measurement.RequestsOr(options), measurement.ConcurrencyOr(options));
        if (measurement.Before is { } before)
            await before(cancellationToken);
        if (warmup > 0)
        {
            log.WriteLine($"{measurement.Name}: warming up with {warmup} requests…");
            var warmupResult = await LoadRunner.RunAsync(measurement.Name, measurement.Request, warmup, concurrency, options.TimeLimit, cancellationToken);
            if (warmupResult.Errors > 0)
                log.WriteLine($"Warm-up errors: {string.Join(", ", warmupResult.ErrorsByKind.Select(e => $"{e.Key}: {e.Value}"))}");
        }

        log.WriteLine($"{measurement.Name}: measuring {requests} requests at concurrency {concurrency}…");
        var result = await LoadRunner.RunAsync(measurement.Name, (index, token) => measurement.Request(warmup + index, token),
            requests, concurrency, options.TimeLimit, cancellationToken);
        var figures = measurement.After is { } after ? await after(result, cancellationToken) : [];
        LoadResultPrinter.Print(result, measurement, figures, Console.Out);
        if (result.Errors > 0)
            log.WriteLine($"{Environment.NewLine}The store's last log lines:{Environment.NewLine}{store.RecentOutput()}");
        return result.Errors == 0 && !result.StoppedByTimeLimit;
    }
}
