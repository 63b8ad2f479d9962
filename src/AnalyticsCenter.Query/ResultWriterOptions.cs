namespace AnalyticsCenter.Query;

/// <summary>Options of <see cref="ResultWriter"/>; they only affect <see cref="ResultFormat.Table"/>.</summary>
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
}
