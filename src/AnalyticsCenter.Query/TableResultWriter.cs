using System.Data.Common;
using System.Globalization;
using System.Text;

namespace AnalyticsCenter.Query;

/// <summary>
/// Writes a result as a readable grid with box-drawing borders. Only the first
/// <see cref="ResultWriterOptions.MaxTableRows"/> rows are kept (to size the columns) and shown;
/// the rest are read and counted, and reported in a line "… N more rows (use --format csv or json
/// for all)". Columns are as wide as their widest cell (cut at
/// <see cref="ResultWriterOptions.MaxTableCellWidth"/> with "…"), numbers are right-aligned, NULL
/// shows as an empty cell, and a final line gives the row count ("1 row", "N rows"). Lines end
/// with LF.
/// </summary>
internal sealed class TableResultWriter
{
    private readonly TextWriter _output;
    private readonly ResultWriterOptions _options;
    private readonly StringBuilder _line = new(256);

    private TableResultWriter(TextWriter output, ResultWriterOptions options)
    {
        _output = output;
        _options = options;
    }

    /// <summary>Writes the grid and the row count lines; returns the number of rows in the result.</summary>
    public static Task<long> WriteAsync(DbDataReader reader, TextWriter output, ResultWriterOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ResultWriter.Validate(options);
        return new TableResultWriter(output, options).WriteTableAsync(reader, ct);
    }

    /// <summary>The line that reports rows left out of the grid.</summary>
    public static string MoreRowsLine(long count) => string.Create(
        CultureInfo.InvariantCulture,
        $"{DisplayText.Ellipsis} {count} more {(count == 1 ? "row" : "rows")} (use --format csv or json for all)");

    /// <summary>The final line: "1 row" or "N rows".</summary>
    public static string RowCountLine(long count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "row" : "rows")}");

    private async Task<long> WriteTableAsync(DbDataReader reader, CancellationToken ct)
    {
        var maxWidth = _options.MaxTableCellWidth;
        var names = ColumnNames.Unique(reader);
        var columnCount = names.Length;
        var header = new string[columnCount];
        var widths = new int[columnCount];
        var rightAligned = new bool[columnCount];
        for (var i = 0; i < columnCount; i++)
        {
            header[i] = DisplayText.Fit(names[i], maxWidth);
            widths[i] = DisplayText.Width(header[i]);
            rightAligned[i] = ValueFormatter.IsNumericType(reader.GetFieldType(i));
        }

        var shown = new List<string[]>();
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            rows++;
            if (shown.Count >= _options.MaxTableRows)
            {
                continue;
            }

            var cells = new string[columnCount];
            for (var i = 0; i < columnCount; i++)
            {
                var text = ValueFormatter.FormatText(reader.GetValue(i));
                cells[i] = text is null ? string.Empty : DisplayText.Fit(text, maxWidth);
                widths[i] = Math.Max(widths[i], DisplayText.Width(cells[i]));
            }

            shown.Add(cells);
        }

        if (columnCount > 0)
        {
            await WriteBorderAsync(widths, '┌', '┬', '┐', ct);
            await WriteCellsAsync(header, widths, rightAligned, ct);
            if (shown.Count > 0)
            {
                await WriteBorderAsync(widths, '├', '┼', '┤', ct);
                foreach (var cells in shown)
                {
                    await WriteCellsAsync(cells, widths, rightAligned, ct);
                }
            }

            await WriteBorderAsync(widths, '└', '┴', '┘', ct);
        }

        if (rows > shown.Count)
        {
            _line.Append(MoreRowsLine(rows - shown.Count));
            await WriteLineAsync(ct);
        }

        _line.Append(RowCountLine(rows));
        await WriteLineAsync(ct);
        await _output.FlushAsync(ct);
        return rows;
    }

    private async Task WriteBorderAsync(int[] widths, char left, char middle, char right, CancellationToken ct)
    {
        _line.Append(left);
        for (var i = 0; i < widths.Length; i++)
        {
            if (i > 0)
            {
                _line.Append(middle);
            }

            _line.Append('─', widths[i] + 2);
        }

        _line.Append(right);
        await WriteLineAsync(ct);
    }

    private async Task WriteCellsAsync(string[] cells, int[] widths, bool[] rightAligned, CancellationToken ct)
    {
        _line.Append('│');
        for (var i = 0; i < cells.Length; i++)
        {
            var padding = widths[i] - DisplayText.Width(cells[i]);
            _line.Append(' ');
            if (rightAligned[i])
            {
                _line.Append(' ', padding).Append(cells[i]);
            }
            else
            {
                _line.Append(cells[i]).Append(' ', padding);
            }

            _line.Append(" │");
        }

        await WriteLineAsync(ct);
    }

    private async Task WriteLineAsync(CancellationToken ct)
    {
        _line.Append('\n');
        await _output.WriteAsync(_line, ct);
        _line.Clear();
    }
}
