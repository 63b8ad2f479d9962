using AnalyticsCenter.Core.Uploads;
using Parquet.Serialization;

namespace AnalyticsCenter.Query.Uploads;

/// <summary>Reads a Parquet file's top-level columns; their names are the header. Nested columns are refused.</summary>
internal static class ParquetCells
{
    public static async Task<UploadCells> ReadAsync(Stream input, UploadLimits limits, CancellationToken cancellationToken)
    {
        // The reader seeks (the footer is at the end), so the bounded stream is copied to memory first.
        var file = new MemoryStream();
        await input.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        DeserializationResult<Dictionary<string, object>> result;
        try
        {
            result = await ParquetSerializer.DeserializeUntypedAsync(file, null, null, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or InvalidOperationException)
        {
            throw new UploadRejectedException("the file is not a readable Parquet file: " + ex.Message);
        }

        var header = result.Schema.Fields.Select(f => f.Name).ToList();
        if (result.Data.Count > limits.MaxRows)
        {
            throw new UploadRejectedException($"the file has {result.Data.Count:N0} rows, more than the {limits.MaxRows:N0} one table may have");
        }

        var rows = new List<string?[]>(result.Data.Count);
        var positions = new List<long>(result.Data.Count);
        foreach (var record in result.Data)
        {
            var values = new string?[header.Count];
            for (var i = 0; i < header.Count; i++)
            {
                var value = record.TryGetValue(header[i], out var v) ? v : null;
                if (value is System.Collections.IEnumerable and not string)
                {
                    throw new UploadRejectedException($"row {rows.Count + 1}, column {header[i]}: nested values (lists, structs) cannot be uploaded");
                }

                values[i] = CellText.Of(value) is { Length: var length } text && length > limits.MaxValueChars
                    ? throw new UploadRejectedException(
                        $"row {rows.Count + 1}, column {header[i]}: a value is longer than {limits.MaxValueChars:N0} characters")
                    : CellText.Of(value);
            }

            rows.Add(values);
            positions.Add(rows.Count);
        }

        return new UploadCells("row", header, rows, positions);
    }
}
