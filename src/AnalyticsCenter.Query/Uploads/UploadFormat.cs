namespace AnalyticsCenter.Query.Uploads;

/// <summary>The file formats a table can be uploaded from.</summary>
public enum UploadFormat
{
    /// <summary>Comma-, semicolon- or tab-separated text with a header line, UTF-8.</summary>
    Csv,

    /// <summary>A Parquet file; its column names are the header.</summary>
    Parquet,

    /// <summary>An Excel workbook: its first sheet, whose first row is the header.</summary>
    Xlsx,
}
