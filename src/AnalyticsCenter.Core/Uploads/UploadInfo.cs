namespace AnalyticsCenter.Core.Uploads;

/// <summary>A workspace's uploaded table as listed: its columns, rows, the bytes its values take and when it last changed.</summary>
public sealed record UploadInfo(string Name, IReadOnlyList<UploadColumn> Columns, long Rows, long Bytes, DateTime UploadedAtUtc);
