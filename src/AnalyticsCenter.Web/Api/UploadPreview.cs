namespace AnalyticsCenter.Web.Api;

/// <summary>What <c>PUT /api/v1/tables/{name}?preview=true</c> answers: the columns as inferred, the row count and the first rows as text.</summary>
internal sealed record UploadPreview(string Name, IReadOnlyList<ColumnView> Columns, long Rows, IReadOnlyList<string?[]> FirstRows);
