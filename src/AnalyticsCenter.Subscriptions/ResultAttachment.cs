namespace AnalyticsCenter.Subscriptions;

/// <summary>What one run of a subscription's query gives to deliver: its first rows to show, and its rows as CSV to attach.</summary>
/// <param name="Title">The saved query's name or the report's title.</param>
/// <param name="Columns">The column names.</param>
/// <param name="FirstRows">The first rows, as the CSV writes their values (NULL is null).</param>
/// <param name="TotalRows">Every row the query returned.</param>
/// <param name="Csv">The CSV (UTF-8): all of it, or its whole rows up to the size limit.</param>
/// <param name="CsvRows">The rows <paramref name="Csv"/> holds.</param>
public sealed record ResultAttachment(
    string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> FirstRows, long TotalRows, ReadOnlyMemory<byte> Csv, long CsvRows)
{
    /// <summary>Whether the size limit cut rows off the CSV.</summary>
    public bool IsCut => CsvRows < TotalRows;

    /// <summary>The note said under a cut CSV (no link: the reader opens the web tab for the rest).</summary>
    public string? CutNote => IsCut ? $"The attached CSV holds the first {CsvRows:N0} of {TotalRows:N0} rows; it was cut at its size limit." : null;
}
