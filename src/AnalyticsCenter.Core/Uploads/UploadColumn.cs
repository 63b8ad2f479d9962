namespace AnalyticsCenter.Core.Uploads;

/// <summary>One column of an upload: a name valid in SQL without quotes (<see cref="UploadNames"/>) and its type.</summary>
public sealed record UploadColumn(string Name, UploadColumnType Type);
