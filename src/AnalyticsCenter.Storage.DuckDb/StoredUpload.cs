using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>An upload's catalog row: the table holding its values (<c>ac.upload_{TableId}</c>) and what lists show.</summary>
internal sealed record StoredUpload(long TableId, UploadInfo Info);
