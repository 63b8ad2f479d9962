namespace AnalyticsCenter.Core.Uploads;

/// <summary>
/// How much a workspace may upload. The defaults keep a whole upload in memory comfortably while it is checked (an upload
/// is checked completely before anything is stored, so it is all or nothing).
/// </summary>
public sealed record UploadLimits
{
    /// <summary>Rows in one table.</summary>
    public long MaxRows { get; init; } = 1_000_000;

    /// <summary>Columns in one table.</summary>
    public int MaxColumns { get; init; } = 100;

    /// <summary>Characters in one value.</summary>
    public int MaxValueChars { get; init; } = 4_096;

    /// <summary>Tables one workspace may hold.</summary>
    public int MaxTables { get; init; } = 50;

    /// <summary>Bytes of values all of a workspace's tables may hold together; also the most one file may be.</summary>
    public long MaxBytesPerWorkspace { get; init; } = 100L << 20;

    /// <summary>
    /// Bytes an XLSX file may unpack to, and entries it may hold: an XLSX is a zip, and a small one can unpack to
    /// gigabytes (a zip bomb), so it is measured by unpacking, never by what its headers claim.
    /// </summary>
    public long MaxXlsxUnpackedBytes { get; init; } = 256L << 20;

    /// <summary>Entries an XLSX file may hold.</summary>
    public int MaxXlsxEntries { get; init; } = 1_000;
}
