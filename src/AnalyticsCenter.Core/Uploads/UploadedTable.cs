namespace AnalyticsCenter.Core.Uploads;

/// <summary>
/// A checked upload ready to store: its columns and its rows, each value null or of its column's type (string, long,
/// decimal, DateOnly, DateTime of kind Unspecified, DateTime of kind Utc for <see cref="UploadColumnType.TimestampTz"/>, bool).
/// </summary>
/// <param name="Name">The table's name (<see cref="UploadNames.Table"/>).</param>
/// <param name="Columns">Its columns, in order.</param>
/// <param name="Rows">Its rows, one value a column.</param>
/// <param name="Bytes">What the values take, counted as the stores count a workspace's share of <see cref="UploadLimits.MaxBytesPerWorkspace"/>.</param>
public sealed record UploadedTable(string Name, IReadOnlyList<UploadColumn> Columns, IReadOnlyList<object?[]> Rows, long Bytes);
