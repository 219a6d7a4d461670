using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Every log entry the app writes, kept in memory for a test to read (<see cref="StorefrontFactory.Logs"/>), with the
/// trace and span ids that the logger factory's activity tracking put in its scope, as the console prints them.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Fails when any entry (message or exception) contains one of <paramref name="values"/>: personal data stays out of logs.</summary>
    public void AssertNeverMentions(params string[] values)
    {
        foreach (var value in values)
        {
            var leak = Entries.FirstOrDefault(e => e.Message.Contains(value, StringComparison.OrdinalIgnoreCase)
                || e.Exception?.ToString().Contains(value, StringComparison.OrdinalIgnoreCase) == true);
            Assert.True(leak is null, $"The log mentions '{value}': {leak}");
        }
    }

    public void Dispose()
    {
    }

    private void Add(string category, LogLevel level, string message, Exception? exception)
    {
        var scope = new Dictionary<string, object?>();
        _scopes?.ForEachScope((state, values) =>
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                    values[key] = value;
            }
        }, scope);
        _entries.Enqueue(new LogEntry(category, level, message, exception,
            scope.GetValueOrDefault("TraceId")?.ToString(), scope.GetValueOrDefault("SpanId")?.ToString()));
    }

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Add(category, logLevel, formatter(state, exception), exception);
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception, string? TraceId = null, string? SpanId = null)
{
    public override string ToString() => $"{Level} {Category}: {Message}";
}
