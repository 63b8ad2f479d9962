using System.Data.Common;
using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>A Parquet column of text: text columns, and any other type as PostgreSQL's text of it (intervals, arrays, json…).</summary>
internal sealed class ParquetTextColumn(DataField field, int capacity) : ParquetColumn(field)
{
    private readonly string?[] _values = new string?[capacity];

    public override void Read(DbDataReader reader, int ordinal, int row) =>
        _values[row] = reader.IsDBNull(ordinal) ? null
            : reader.GetFieldType(ordinal) == typeof(string) ? reader.GetString(ordinal)
            : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, int rows, CancellationToken cancellationToken) =>
        rowGroup.WriteAsync(Field, new ArraySegment<string?>(_values, 0, rows)!, null);
}
