using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Web.Api;

/// <summary>An uploaded table as the API lists it.</summary>
internal sealed record UploadView(string Name, IReadOnlyList<ColumnView> Columns, long Rows, long Bytes, DateTime UploadedAt)
{
    public static UploadView Of(UploadInfo upload) =>
        new(upload.Name, [.. upload.Columns.Select(ColumnView.Of)], upload.Rows, upload.Bytes, upload.UploadedAtUtc);
}
