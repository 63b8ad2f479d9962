namespace AnalyticsCenter.Query;

/// <summary>The output formats of a query result.</summary>
public enum ResultFormat
{
    /// <summary>
    /// A human-readable grid with box-drawing borders, showing at most
    /// <see cref="ResultWriterOptions.MaxTableRows"/> rows, followed by a row count line.
    /// </summary>
    Table,

    /// <summary>
    /// RFC 4180 CSV: a header row, comma separators, CRLF line endings, UTF-8 without BOM; text a spreadsheet would run
    /// as a formula is neutralised unless <see cref="ResultWriterOptions.RawCsv"/> is set.
    /// </summary>
    Csv,

    /// <summary>A UTF-8 JSON array of row objects keyed by column name, one row per line.</summary>
    Json,
}
