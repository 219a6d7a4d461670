using System.Text;

namespace Storefront.Admin;

/// <summary>
/// Writes RFC 4180 CSV to a stream, row by row. Cells that a spreadsheet would run as a formula (starting with
/// <c>= + - @</c>, or a tab or carriage return before one) are written with a leading apostrophe, so an order
/// placed with the name <c>=HYPERLINK(…)</c> stays text when the export is opened (CSV injection).
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny(NeedsQuotes) >= 0 || value[0] == ' ' || value[^1] == ' '
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    public async Task WriteRowAsync(IEnumerable<string?> cells)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
                line.Append(',');
            line.Append(Escape(cell));
            first = false;
        }
        line.Append("\r\n");
        await writer.WriteAsync(line);
    }
}
