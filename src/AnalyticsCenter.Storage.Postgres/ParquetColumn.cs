using System.Data.Common;
using Parquet;
using Parquet.Schema;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>One column of a Parquet export: its field, and a row group's worth of its values read from the result.</summary>
internal abstract class ParquetColumn(DataField field)
{
    public DataField Field { get; } = field;

    /// <summary>Keeps row <paramref name="row"/>'s value of column <paramref name="ordinal"/> of <paramref name="reader"/>.</summary>
    public abstract void Read(DbDataReader reader, int ordinal, int row);

    /// <summary>Writes the first <paramref name="rows"/> values kept as this column of <paramref name="rowGroup"/>.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, int rows, CancellationToken cancellationToken);

    /// <summary>The column for the result's column <paramref name="ordinal"/>, holding up to <paramref name="capacity"/> values.</summary>
    public static ParquetColumn For(DbDataReader reader, int ordinal, int capacity)
    {
        var name = reader.GetName(ordinal);
        var type = reader.GetFieldType(ordinal);
        return type switch
        {
            _ when type == typeof(bool) => new ParquetValueColumn<bool>(new DataField<bool?>(name), capacity),
            _ when type == typeof(short) => new ParquetValueColumn<short>(new DataField<short?>(name), capacity),
            _ when type == typeof(int) => new ParquetValueColumn<int>(new DataField<int?>(name), capacity),
            _ when type == typeof(long) => new ParquetValueColumn<long>(new DataField<long?>(name), capacity),
            _ when type == typeof(float) => new ParquetValueColumn<float>(new DataField<float?>(name), capacity),
            // numeric as double, as DuckDB's exports write averages and ratios: Parquet decimals need one scale for the column.
            _ when type == typeof(double) || type == typeof(decimal) => new ParquetValueColumn<double>(new DataField<double?>(name), capacity),
            _ when type == typeof(DateTime) && reader.GetDataTypeName(ordinal) == "date" =>
                new ParquetValueColumn<DateTime>(new DateTimeDataField(name, DateTimeFormat.Date, isNullable: true), capacity),
            // Timestamps hold UTC (the tables' contract), in microseconds as PostgreSQL keeps them.
            _ when type == typeof(DateTime) => new ParquetValueColumn<DateTime>(
                new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true), capacity),
            _ => new ParquetTextColumn(new DataField<string>(name, nullable: true), capacity),
        };
    }
}
