using Parquet.Serialization;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>Reads an exported Parquet file back as rows of column → value, with a reader neither store uses to write it.</summary>
internal static class ParquetRows
{
    public static async Task<IReadOnlyList<IDictionary<string, object>>> ReadAsync(Stream file)
    {
        var result = await ParquetSerializer.DeserializeUntypedAsync(file, cancellationToken: TestContext.Current.CancellationToken);
        return [.. result.Data];
    }
}
