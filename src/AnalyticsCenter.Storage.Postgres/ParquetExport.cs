using System.Data.Common;
using System.IO.Compression;
using Parquet;
using Parquet.Schema;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Streams a result into one Parquet file, a row group at a time: memory holds one row group's values, however many rows.
/// </summary>
internal static class ParquetExport
{
    /// <returns>The rows written.</returns>
    public static async Task<long> WriteAsync(DbDataReader reader, Stream destination, int rowGroupRows, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => ParquetColumn.For(reader, i, rowGroupRows)).ToArray();
        var schema = new ParquetSchema(columns.Select(column => (Field)column.Field));

        // The writer seeks back over what it wrote; a stream that cannot (an HTTP response) gets the file once it is whole.
        await using var staged = destination.CanSeek ? null
            : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        long total = 0;
        // Zstd at its fastest level: Parquet.Net's default (smallest size) made a million-row export several times slower.
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = CompressionLevel.Fastest };
        await using (var writer = await ParquetWriter.CreateAsync(schema, staged ?? destination, options, cancellationToken: cancellationToken))
        {
            var rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    columns[i].Read(reader, i, rows);
                }

                if (++rows == rowGroupRows)
                {
                    await WriteRowGroupAsync(writer, columns, rows, cancellationToken);
                    total += rows;
                    rows = 0;
                }
            }

            if (rows > 0 || total == 0)
            {
                await WriteRowGroupAsync(writer, columns, rows, cancellationToken);
                total += rows;
            }
        }

        if (staged is not null)
        {
            staged.Position = 0;
            await staged.CopyToAsync(destination, cancellationToken);
        }

        return total;
    }

    private static async Task WriteRowGroupAsync(ParquetWriter writer, ParquetColumn[] columns, int rows, CancellationToken cancellationToken)
    {
        using var rowGroup = writer.CreateRowGroup();
        foreach (var column in columns)
        {
            await column.WriteAsync(rowGroup, rows, cancellationToken);
        }
    }
}
