using System.Globalization;
using System.Runtime.InteropServices;

namespace Storefront.Benchmarks;

/// <summary>The one way a result is shown, so that figures from different runs and scenarios compare line by line.</summary>
public static class LoadResultPrinter
{
    public static void Print(LoadResult result, string measures, TextWriter output)
    {
        var line = (string label, string value) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-13}{value}"));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Scenario}: {measures}"));
        line("date", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        line("machine", $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        line("concurrency", result.Concurrency.ToString(CultureInfo.InvariantCulture));
        line("requests", result.Requests.ToString(CultureInfo.InvariantCulture) + (result.StoppedByTimeLimit ? " (stopped by the time limit)" : ""));
        line("errors", result.Errors.ToString(CultureInfo.InvariantCulture)
            + (result.Errors == 0 ? "" : " (" + string.Join(", ", result.ErrorsByKind.Select(e => $"{e.Key}: {e.Value}")) + ")"));
        line("elapsed", string.Create(CultureInfo.InvariantCulture, $"{result.Elapsed.TotalSeconds:0.00} s"));
        line("requests/s", string.Create(CultureInfo.InvariantCulture, $"{result.RequestsPerSecond:0.0}"));
        line("latency", string.Create(CultureInfo.InvariantCulture,
            $"p50 {Ms(result.P50)}  p95 {Ms(result.P95)}  p99 {Ms(result.P99)}  max {Ms(result.Max)}"));
    }

    private static string Ms(TimeSpan latency) => string.Create(CultureInfo.InvariantCulture, $"{latency.TotalMilliseconds:0.0} ms");
}
