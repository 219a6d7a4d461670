using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Storefront.Tests.Infrastructure;

/// <summary>Every log entry the app writes, kept in memory for a test to read (<see cref="StorefrontFactory.Logs"/>).</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

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

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}";
}
