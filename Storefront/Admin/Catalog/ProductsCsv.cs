using CsvHelper;
using Microsoft.Extensions.Localization;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// The products CSV file, as the export writes it and the import reads it. One product per row, named by its slug;
/// the header names the columns (in any order, case and surrounding spaces ignored). A column left out of an imported
/// file leaves that field as it is; an empty cell empties it (an empty price: not sold in that currency). Prices are
/// in the currency's major unit as people write it, without grouping: <c>12000</c> won, <c>12.50</c> dollars, the
/// same as the product form and the order export.
/// </summary>
public static class ProductsCsv
{
    public const string Slug = "slug";
    public const string Sku = "sku";
    public const string NameKo = "name_ko";
    public const string NameEn = "name_en";
    public const string DescriptionKo = "description_ko";
    public const string DescriptionEn = "description_en";
    public const string Category = "category";
    public const string Stock = "stock";
    public const string LowStockThreshold = "low_stock_threshold";
    public const string Published = "published";
    public const string Featured = "featured";

    /// <summary>What the import reads: about ten thousand products with descriptions, more without.</summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;

    public const int MaxRows = 20_000;

    /// <summary>A row longer than this is refused (an unclosed quote would otherwise swallow the rest of the file).</summary>
    private const int MaxRecordBytes = 64 * 1024;

    public static string PriceColumn(string currency) => "price_" + currency.ToLowerInvariant();

    /// <summary>Every column, in the order the export writes them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        Slug, Sku, NameKo, NameEn, DescriptionKo, DescriptionEn, Category, .. Market.Currencies.Select(PriceColumn),
        Stock, LowStockThreshold, Published, Featured,
    ];

    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>
    /// Reads the file with CsvHelper. Problems with the file as a whole (a column it does not know, a column twice, no
    /// slug column, broken quoting, too many rows) come back in <see cref="CsvFile.Errors"/>; a row whose cells do
    /// not line up with the header is kept with its own error.
    /// </summary>
    public static CsvFile Read(byte[] file, IStringLocalizer<ProductImport> localizer)
    {
        var errors = new List<string>();
        var rows = new List<CsvProductRow>();
        var columns = new Dictionary<string, int>();
        try
        {
            using var csv = CsvReader.Create(file, AdminCsv.Reader(MaxRecordBytes));
            var headers = csv.Headers;
            for (var i = 0; i < headers.Count; i++)
            {
                var name = headers[i].Trim().ToLowerInvariant();
                if (!Columns.Contains(name))
                    errors.Add(localizer["The file has a column “{0}” that the import does not know. The columns are: {1}.", headers[i], string.Join(", ", Columns)]);
                else if (!columns.TryAdd(name, i))
                    errors.Add(localizer["The column “{0}” is in the file twice.", name]);
            }
            if (!columns.ContainsKey(Slug))
                errors.Add(localizer["The file has no “slug” column: every row names its product by its slug."]);
            if (errors.Count > 0)
                return new CsvFile(columns.Keys.ToList(), rows, errors);
            while (csv.Read())
            {
                if (rows.Count == MaxRows)
                {
                    errors.Add(localizer["The file has more than {0} products: split it into smaller files.", MaxRows]);
                    break;
                }
                var cells = columns.ToDictionary(c => c.Key, c => AdminCsv.Unprotected(csv.GetString(c.Value).Trim()));
                // The header is row 1, as a spreadsheet numbers it.
                rows.Add(new CsvProductRow((int)csv.RowNumber + 1, cells, csv.FieldCount == headers.Count ? null
                    : localizer["This row has {0} cells and the header {1}: a value with a comma needs quotes.", csv.FieldCount, headers.Count].Value));
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(localizer["Row {0} is not valid CSV: check its quotes.", ex.RecordNumber]);
        }
        if (errors.Count == 0 && rows.Count == 0)
            errors.Add(localizer["The file has no products: under the header, one row per product."]);
        return new CsvFile(columns.Keys.ToList(), rows, errors);
    }
}

/// <summary>An uploaded file as read: its columns, its rows, and what is wrong with it as a whole.</summary>
public sealed record CsvFile(IReadOnlyList<string> Columns, IReadOnlyList<CsvProductRow> Rows, IReadOnlyList<string> Errors)
{
    public bool Has(string column) => Columns.Contains(column);
}

/// <summary>One data row: its number as a spreadsheet shows it, its cells by column, and a problem with its shape.</summary>
public sealed record CsvProductRow(int Number, IReadOnlyDictionary<string, string> Cells, string? ShapeError)
{
    public string? this[string column] => Cells.GetValueOrDefault(column);

    public bool Has(string column) => Cells.ContainsKey(column);
}
