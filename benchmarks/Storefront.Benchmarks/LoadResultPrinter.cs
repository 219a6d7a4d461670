using System.Globalization;
using System.Runtime.InteropServices;
using Storefront.Benchmarks.Scenarios;

namespace Storefront.Benchmarks;

/// <summary>The one way a result is shown, so that figures from different runs and scenarios compare line by line.</summary>
public static class LoadResultPrinter
{
    public static void Print(LoadResult result, Measurement measurement, IReadOnlyList<Figure> figures, TextWriter output)
    {
        var line = (string label, string value) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-17}{value}"));
        output.WriteLine();
        output.WriteLine($"{result.Name}: {measurement.Measures}");
        line("date", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        line("machine", $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        if (LoadAverage() is { } loadAverage)
            line("load average", loadAverage);
        line("concurrency", result.Concurrency.ToString(CultureInfo.InvariantCulture));
        line(measurement.Unit, result.Requests.ToString(CultureInfo.InvariantCulture) + (result.StoppedByTimeLimit ? " (stopped by the time limit)" : ""));
        line("errors", result.Errors.ToString(CultureInfo.InvariantCulture)
            + (result.Errors == 0 ? "" : " (" + string.Join(", ", result.ErrorsByKind.Select(e => $"{e.Key}: {e.Value}")) + ")"));
        line("elapsed", string.Create(CultureInfo.InvariantCulture, $"{result.Elapsed.TotalSeconds:0.00} s"));
        line($"{measurement.Unit}/s", string.Create(CultureInfo.InvariantCulture, $"{result.RequestsPerSecond:0.0}"));
        line("latency", $"p50 {Milliseconds(result.P50)}  p95 {Milliseconds(result.P95)}  p99 {Milliseconds(result.P99)}  max {Milliseconds(result.Max)}");
        foreach (var figure in figures)
            line(figure.Label, figure.Value);
    }

    public static string Milliseconds(TimeSpan latency) => string.Create(CultureInfo.InvariantCulture, $"{latency.TotalMilliseconds:0.0} ms");

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MiB");

    /// <summary>The 1, 5 and 15 minute load averages (Linux): what else the machine was doing shapes every figure.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ') is [var one, var five, var fifteen, ..] ? $"{one} {five} {fifteen}" : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
