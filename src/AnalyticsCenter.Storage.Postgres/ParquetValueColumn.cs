using System.Data.Common;
using Parquet;
using Parquet.Schema;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>A Parquet column of numbers, booleans or times.</summary>
internal sealed class ParquetValueColumn<T>(DataField field, int capacity) : ParquetColumn(field)
    where T : struct
{
    private readonly T?[] _values = new T?[capacity];

    public override void Read(DbDataReader reader, int ordinal, int row) =>
        _values[row] = reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, int rows, CancellationToken cancellationToken) =>
        rowGroup.WriteAsync<T>(Field, _values.AsMemory(0, rows), null, null, cancellationToken);
}
