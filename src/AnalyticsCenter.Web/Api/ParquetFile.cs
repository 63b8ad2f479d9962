namespace AnalyticsCenter.Web.Api;

/// <summary>What the API says of the Parquet files it sends.</summary>
internal static class ParquetFile
{
    /// <summary>The media type registered for Apache Parquet.</summary>
    public const string ContentType = "application/vnd.apache.parquet";
}
