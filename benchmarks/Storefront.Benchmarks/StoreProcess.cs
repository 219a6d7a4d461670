using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront.Benchmarks;

/// <summary>
/// The real store, started from its Release build output (<c>dotnet Storefront.dll</c>) as a child process on a free
/// loopback port, in Development with the Adyen sandbox and a fresh SQLite file of its own. Disposing it stops the
/// store and deletes its files; Program disposes it on Ctrl+C and SIGTERM too.
/// </summary>
public sealed class StoreProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    // Settings a developer's shell may carry that would point the store elsewhere than this run intends.
    private static readonly string[] InheritedPrefixes = ["ASPNETCORE_", "DOTNET_ENVIRONMENT", "ConnectionStrings__", "Database__", "Adyen__", "Storefront__", "Logging__", "Security__"];

    private readonly ProcessStartInfo _start;
    private readonly DirectoryInfo _dataDirectory;
    private readonly TextWriter _log;
    private readonly Queue<string> _recentOutput = new();
    private Process? _process;
    private int _disposed;

    private StoreProcess(ProcessStartInfo start, DirectoryInfo dataDirectory, Uri baseAddress, TextWriter log)
    {
        _start = start;
        _dataDirectory = dataDirectory;
        _log = log;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the store listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The store's own SQLite database, for scenarios that arrange or inspect data through the store's model.</summary>
    public string ConnectionString => $"Data Source={DatabaseFile}";

    private string DatabaseFile => Path.Combine(_dataDirectory.FullName, "storefront.db");

    /// <summary>Starts the store with <paramref name="settings"/> (configuration keys such as <c>Adyen:Sandbox:ResponseDelay</c>) and waits for /healthz.</summary>
    public static async Task<StoreProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TextWriter log, CancellationToken cancellationToken)
    {
        var storeDll = StoreBuild();
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        var dataDirectory = Directory.CreateTempSubdirectory("storefront-benchmark-");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(storeDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(storeDll);
        foreach (var inherited in start.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            start.Environment.Remove(inherited);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority),
            ["ConnectionStrings:Storefront"] = $"Data Source={Path.Combine(dataDirectory.FullName, "storefront.db")}",
            ["Adyen:Mode"] = "Sandbox",
            // A line per request on the console would measure the console.
            ["Logging:LogLevel:Default"] = "Warning",
            // Every simulated shopper comes from this one loopback address: the per-address limits would refuse them.
            ["Security:RateLimits:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        foreach (var (key, value) in environment)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var store = new StoreProcess(start, dataDirectory, baseAddress, log);
        try
        {
            await store.LaunchAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the store, lets <paramref name="arrange"/> write to its database (<see cref="OpenDatabase"/>) while
    /// nothing else does (bulk data written under the running store would race its workers and caches), then starts it
    /// again on the same files, settings and port, and waits for /healthz. Prepare sessions after it: connections to the
    /// old process are gone with it.
    /// </summary>
    public async Task RestartAfterAsync(Func<CancellationToken, Task> arrange, CancellationToken cancellationToken)
    {
        await StopAsync();
        await arrange(cancellationToken);
        // Nothing of the harness's may hold the file open (or a stale page cache) when the store takes it back.
        SqliteConnection.ClearAllPools();
        await LaunchAsync(cancellationToken);
    }

    /// <summary>The store's own database through its model, for arranging data before a run and reading it after.</summary>
    public SqliteStorefrontDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SqliteStorefrontDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>Size of the database and its write-ahead log, in bytes.</summary>
    public long DatabaseBytes() =>
        new[] { DatabaseFile, DatabaseFile + "-wal" }.Where(File.Exists).Sum(file => new FileInfo(file).Length);

    /// <summary>
    /// The store process's working set now and at its peak since it started, in bytes (on Linux its resident set and
    /// its high-water mark, VmHWM in /proc/{pid}/status).
    /// </summary>
    public (long Current, long Peak) Memory()
    {
        var process = _process ?? throw new InvalidOperationException("The store is not running.");
        process.Refresh();
        return (process.WorkingSet64, process.PeakWorkingSet64);
    }

    /// <summary>Kills the store at once with SIGKILL: no shutdown, no flush, as a crash or the OOM killer would.</summary>
    public void Kill()
    {
        var process = _process ?? throw new InvalidOperationException("The store is not running.");
        process.Kill();
        process.WaitForExit();
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var process = new Process { StartInfo = _start };
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _log.WriteLine($"Starting the store: dotnet {_start.ArgumentList[0]} on {BaseAddress}");
        await WaitUntilHealthyAsync(process, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await StopAsync();
        SqliteConnection.ClearAllPools();
        _dataDirectory.Delete(recursive: true);
    }

    private async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is not { } process)
            return;
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in between.
        }
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed but not yet reaped: the files can go anyway.
        }
        process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var deadline = Stopwatch.StartNew();
        while (await poll.WaitForNextTickAsync(cancellationToken))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The store exited with code {process.ExitCode} before it was healthy:{Environment.NewLine}{RecentOutput()}");
            try
            {
                using var health = await http.GetAsync("healthz", cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still starting.
            }
            if (deadline.Elapsed > StartTimeout)
                throw new TimeoutException($"The store did not answer /healthz with 200 within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{RecentOutput()}");
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            if (_recentOutput.Count > 60)
                _recentOutput.Dequeue();
        }
    }

    /// <summary>The store's last lines of console output (warnings and errors, at the log level it runs with).</summary>
    public string RecentOutput()
    {
        lock (_recentOutput)
            return string.Join(Environment.NewLine, _recentOutput);
    }

    /// <summary>The store's Release build output, beside this repository's Storefront project.</summary>
    private static string StoreBuild()
    {
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (!File.Exists(Path.Combine(directory.FullName, "Storefront.sln")))
                continue;
            var storeDll = Path.Combine(directory.FullName, "Storefront", "bin", "Release", targetFramework, "Storefront.dll");
            return File.Exists(storeDll)
                ? storeDll
                : throw new FileNotFoundException($"No Release build of the store at {storeDll}: run benchmarks/run.sh, which builds it.");
        }
        throw new InvalidOperationException($"No Storefront.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>A port nothing listens on right now, on 127.0.0.1 only: the benchmark's traffic never leaves this machine.</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
