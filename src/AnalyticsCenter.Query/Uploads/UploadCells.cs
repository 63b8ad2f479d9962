namespace AnalyticsCenter.Query.Uploads;

/// <summary>
/// A file's cells as text, before types: its header and rows, each row with where it stands in the file (<c>Positions</c>,
/// counted in <c>Unit</c>s: "line" for CSV, "row" for the others).
/// </summary>
internal sealed record UploadCells(string Unit, IReadOnlyList<string?> Header, List<string?[]> Rows, List<long> Positions);
