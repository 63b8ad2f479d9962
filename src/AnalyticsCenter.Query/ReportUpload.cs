using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Query;

/// <summary>
/// A table the ready reports read when a workspace has uploaded it under this name with at least these columns (the
/// web tab's templates give the shape). Phones are compared by their digits, so <c>+57 300 123-4567</c> and
/// <c>573001234567</c> are one number.
/// </summary>
/// <param name="Name">The upload's table name.</param>
/// <param name="Columns">The columns the reports read; others are ignored.</param>
public sealed record ReportUpload(string Name, IReadOnlyList<string> Columns)
{
    public static ReportUpload AdSpend { get; } = new("ad_spend", ["date", "meta_source_id", "spend", "currency"]);

    public static ReportUpload Conversions { get; } = new("conversions", ["phone", "occurred_at", "value"]);

    public static ReportUpload AudienceTags { get; } = new("audience_tags", ["phone", "tag"]);

    /// <summary>The name with its columns, as a note says it: <c>ad_spend (date, meta_source_id, spend, currency)</c>.</summary>
    public string Shape => $"{Name} ({string.Join(", ", Columns)})";

    /// <summary>The columns <paramref name="upload"/> lacks (empty when the reports can read it).</summary>
    public IReadOnlyList<string> Missing(UploadInfo upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return [.. Columns.Where(c => !upload.Columns.Any(u => u.Name == c))];
    }
}
