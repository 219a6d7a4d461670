using System.Globalization;
using System.Text;

namespace Storefront.Security;

/// <summary>
/// Every <see cref="ILogger{TCategoryName}"/> the app is given: the same logger, with control characters in the
/// rendered message escaped (<c>\r</c>, <c>\n</c>, <c>\u001B</c> …). Values from outside (a webhook's fields, a
/// header) then cannot forge log lines or drive the terminal, whichever provider writes them.
/// </summary>
public sealed class EscapingLogger<T>(ILoggerFactory factory) : ILogger<T>
{
    private readonly ILogger _inner = new Logger<T>(factory);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _inner.Log(logLevel, eventId, state, exception, (s, e) => LogText.Escape(formatter(s, e)));
}

public static class LogText
{
    /// <summary>Control characters (and the Unicode line separators) as C-style escapes; everything else unchanged.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
            return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\r' => @"\r",
                '\n' => @"\n",
                '\t' => @"\t",
                _ when NeedsEscape(c) => @"\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
