using System.Data.Common;
using System.Text;

namespace AnalyticsCenter.Query;

/// <summary>
/// Streams the rows of a query result to a stream as a table, CSV or JSON (UTF-8, no byte order mark).
/// </summary>
/// <remarks>
/// Values follow shared/spec/tables.md: NULL is an empty CSV field, JSON <c>null</c> and an empty table
/// cell; timestamps are ISO 8601 UTC with a 'Z' suffix. A column whose name repeats an earlier one is
/// renamed with a suffix <c>_2</c>, <c>_3</c>, … in every format. Only the table buffers rows (at most
/// <see cref="ResultWriterOptions.MaxTableRows"/>); CSV and JSON write row by row.
/// </remarks>
public static class ResultWriter
{
    private const int StreamWriterBufferSize = 16 * 1024;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes every row of the reader's current result in the format and flushes the stream.
    /// The stream is left open.
    /// </summary>
    /// <param name="reader">The result to write, positioned before its first row.</param>
    /// <param name="format">The output format.</param>
    /// <param name="output">Where to write, as UTF-8.</param>
    /// <param name="options">Table limits and CSV formula neutralising; <see cref="ResultWriterOptions.Default"/> when null.</param>
    /// <param name="ct">Cancels between rows.</param>
    /// <returns>
    /// The number of rows in the result. For <see cref="ResultFormat.Table"/> this includes the rows
    /// counted but left out of the grid (the number in its final "N rows" line).
    /// </returns>
    public static async Task<long> WriteAsync(
        DbDataReader reader,
        ResultFormat format,
        Stream output,
        ResultWriterOptions? options = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        options ??= ResultWriterOptions.Default;
        Validate(options);

        switch (format)
        {
            case ResultFormat.Json:
                return await JsonResultWriter.WriteAsync(reader, output, ct);
            case ResultFormat.Csv:
            case ResultFormat.Table:
                var writer = new StreamWriter(output, s_utf8, StreamWriterBufferSize, leaveOpen: true);
                await using (writer)
                {
                    var rows = format == ResultFormat.Csv
                        ? await CsvResultWriter.WriteAsync(reader, writer, options.RawCsv, ct)
                        : await TableResultWriter.WriteAsync(reader, writer, options, ct);
                    await writer.FlushAsync(ct);
                    return rows;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown result format.");
        }
    }

    /// <summary>Throws when an option is out of range.</summary>
    internal static void Validate(ResultWriterOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxTableRows, nameof(options.MaxTableRows));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTableCellWidth, 1, nameof(options.MaxTableCellWidth));
    }
}
