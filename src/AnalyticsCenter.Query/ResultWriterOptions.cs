namespace AnalyticsCenter.Query;

/// <summary>Options of <see cref="ResultWriter"/>: the table's limits, and whether CSV neutralises formulas.</summary>
public sealed record ResultWriterOptions
{
    /// <summary>The default options.</summary>
    public static ResultWriterOptions Default { get; } = new();

    /// <summary>
    /// The table grid shows at most this many rows; the remaining rows are counted and reported
    /// in a line "… N more rows (use --format csv or json for all)". Must not be negative.
    /// </summary>
    public int MaxTableRows { get; init; } = 1000;

    /// <summary>
    /// Cell (and header) text wider than this many terminal columns is cut and ends with "…".
    /// Must be at least 1.
    /// </summary>
    public int MaxTableCellWidth { get; init; } = 60;

    /// <summary>
    /// CSV text cells are written as they are, even those a spreadsheet would run as a formula. Default false: such a
    /// cell (text beginning with <c>= + - @</c>, a tab or a carriage return) is quoted with a single quote before it,
    /// as OWASP advises against CSV injection. Numbers are never changed.
    /// </summary>
    public bool RawCsv { get; init; }
}
