using System.Globalization;

namespace Storefront.Benchmarks;

/// <summary>The command line: <c>SCENARIO [--requests N] [--concurrency C] [--warmup W] [--time-limit S] [--set Key=Value]…</c>.</summary>
public sealed record BenchmarkOptions
{
    public required string Scenario { get; init; }

    /// <summary>Measured requests.</summary>
    public int Requests { get; init; } = 2_000;

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Requests sent (and prepared) before measuring, so that start-up and JIT do not count.</summary>
    public int Warmup { get; init; } = 100;

    /// <summary>The measured run stops here even if requests remain; the report says so.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra store settings (<c>--set Adyen:Sandbox:ResponseDelay=00:00:00.050</c>), on top of the scenario's.</summary>
    public IReadOnlyDictionary<string, string> StoreSettings { get; init; } = new Dictionary<string, string>();

    public static string Usage(IEnumerable<string> scenarios) =>
        $"""
        Usage: benchmarks/run.sh SCENARIO [options]
               dotnet run -c Release --project benchmarks/Storefront.Benchmarks -- SCENARIO [options]

        Scenarios: {string.Join(", ", scenarios)}

        Options:
          --requests N       measured requests (default 2000)
          --concurrency C    requests in flight at once (default 8)
          --warmup W         requests sent before measuring (default 100)
          --time-limit S     stop measuring after S seconds (default 300)
          --set KEY=VALUE    an extra store setting, e.g. --set Adyen:Sandbox:ResponseDelay=00:00:00.050 (repeatable)
        """;

    /// <summary>The options, or the reason they cannot be read.</summary>
    public static (BenchmarkOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
            return (null, "Name a scenario first.");
        var options = new BenchmarkOptions { Scenario = args[0] };
        var settings = new Dictionary<string, string>();
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
                return (null, $"{name} needs a value.");
            var value = args[++i];
            switch (name)
            {
                case "--requests" when PositiveInt(value) is { } requests:
                    options = options with { Requests = requests };
                    break;
                case "--concurrency" when PositiveInt(value) is { } concurrency:
                    options = options with { Concurrency = concurrency };
                    break;
                case "--warmup" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var warmup):
                    options = options with { Warmup = warmup };
                    break;
                case "--time-limit" when PositiveInt(value) is { } seconds:
                    options = options with { TimeLimit = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--set" when value.Split('=', 2) is [{ Length: > 0 } key, var setting]:
                    settings[key] = setting;
                    break;
                default:
                    return (null, $"Cannot read {name} {value}.");
            }
        }
        return (options with { StoreSettings = settings }, null);
    }

    private static int? PositiveInt(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
}
