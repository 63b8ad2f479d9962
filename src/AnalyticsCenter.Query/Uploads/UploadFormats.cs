using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Query.Uploads;

/// <summary>Which <see cref="UploadFormat"/> a file is, from its name or a request's format word.</summary>
public static class UploadFormats
{
    /// <summary>The format <paramref name="nameOrWord"/> names: a file name ending .csv/.parquet/.xlsx, or the word itself.</summary>
    /// <exception cref="UploadRejectedException">Neither.</exception>
    public static UploadFormat Parse(string nameOrWord)
    {
        var word = nameOrWord.Contains('.', StringComparison.Ordinal) ? Path.GetExtension(nameOrWord).TrimStart('.') : nameOrWord;
        return word.ToLowerInvariant() switch
        {
            "csv" or "txt" or "tsv" => UploadFormat.Csv,
            "parquet" => UploadFormat.Parquet,
            "xlsx" => UploadFormat.Xlsx,
            _ => throw new UploadRejectedException($"\"{nameOrWord}\" is not a CSV, Parquet or XLSX file; name it .csv, .parquet or .xlsx"),
        };
    }
}
