using CsvHelper;

namespace Storefront.Admin;

/// <summary>
/// How the merchandiser area writes and reads CSV files (the order export, the product export and import), through
/// CsvHelper, so that every file opens the same way in a spreadsheet and reads back to the same values.
/// </summary>
public static class AdminCsv
{
    /// <summary>
    /// A byte order mark, so that spreadsheet programs read the names in Hangul as UTF-8. Cells that a spreadsheet
    /// would run as a formula (starting with <c>= + - @</c>, a tab or a carriage return) get a leading apostrophe, so an
    /// order placed with the name <c>=HYPERLINK(…)</c> stays text when the export is opened (CSV injection); cells that
    /// start or end with a space are quoted, so no reader trims them.
    /// </summary>
    public static readonly CsvWriterOptions Writer = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        WriteByteOrderMark = true,
    };

    /// <summary>
    /// Comma-separated (never guessed: a file saved with semicolons would also carry decimal commas), RFC 4180 quoting
    /// with broken quoting refused rather than repaired, a byte order mark honoured and UTF-8 otherwise; no values in
    /// exception messages, which may reach the logs.
    /// </summary>
    public static CsvReaderOptions Reader(int maxRecordBytes) => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        DetectSeparatorHint = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        MaxRecordSize = maxRecordBytes,
        IncludeValuesInExceptions = false,
    };

    /// <summary>
    /// Streams <paramref name="rows"/> to the response as the download <paramref name="fileName"/>: each row is written as
    /// the database reader yields it and the writer's buffer goes out whenever it fills, so exporting a large shop holds
    /// a buffer in memory, not the list.
    /// </summary>
    public static async Task DownloadAsync<TRow>(HttpResponse response, string fileName, IReadOnlyList<string> header,
        IAsyncEnumerable<TRow> rows, Func<TRow, string?[]> cells, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
        await using var csv = CsvWriter.Create(response.Body, Writer, leaveOpen: true);
        await csv.WriteRecordAsync([.. header], cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
            await csv.WriteRecordAsync(cells(row), cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// A text cell as it was before <see cref="Writer"/> protected it: the apostrophe in front of a would-be formula
    /// comes off again, so that "-50% today" exported and imported stays "-50% today".
    /// </summary>
    public static string Unprotected(string cell) =>
        cell.Length > 1 && cell[0] == Writer.InjectionEscape && Writer.InjectionCharacters.Contains(cell[1]) ? cell[1..] : cell;
}
