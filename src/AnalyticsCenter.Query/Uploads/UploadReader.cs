using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Query.Uploads;

/// <summary>
/// Turns an uploaded file into a checked <see cref="UploadedTable"/>: reads it within the limits, names its columns,
/// infers each column's type from all its values (or takes the type the user named), and reads every value as that type.
/// The first problem stops it with an <see cref="UploadRejectedException"/> naming the line or row and the column, so
/// the store is handed a whole table or nothing.
/// </summary>
/// <remarks>
/// Text is kept exactly as uploaded, including text a spreadsheet would run as a formula (<c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c> first): SQL never runs it, CSV exports neutralise it (CsvResultWriter) and the web tab shows it as text.
/// </remarks>
public static class UploadReader
{
    /// <summary>Reads <paramref name="input"/> as a table named <paramref name="name"/>.</summary>
    /// <remarks>Types the user named (<paramref name="types"/>, by column name) are kept; inference picks the others.</remarks>
    /// <exception cref="UploadRejectedException">The file, a name, a value or a limit is wrong; the message says which and where.</exception>
    public static async Task<UploadedTable> ReadAsync(
        Stream input, UploadFormat format, string name, IReadOnlyDictionary<string, UploadColumnType> types, UploadLimits limits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(limits);
        UploadNames.Table(name);
        var bounded = new BoundedStream(input, limits.MaxBytesPerWorkspace, "the file");
        var cells = format switch
        {
            UploadFormat.Csv => await CsvCells.ReadAsync(bounded, limits, cancellationToken),
            UploadFormat.Parquet => await ParquetCells.ReadAsync(bounded, limits, cancellationToken),
            _ => await XlsxCells.ReadAsync(bounded, limits, cancellationToken),
        };
        var names = ColumnNames(cells.Header, limits);
        foreach (var named in types.Keys.Where(k => !names.Contains(k)))
        {
            throw new UploadRejectedException($"--type names column \"{named}\", which the file does not have (it has {string.Join(", ", names)})");
        }

        var columns = names.Select((column, i) => new UploadColumn(column, types.TryGetValue(column, out var type) ? type : Infer(cells, i))).ToList();
        var (rows, bytes) = Read(cells, columns);
        return new UploadedTable(name, columns, rows, bytes);
    }

    private static List<string> ColumnNames(IReadOnlyList<string?> header, UploadLimits limits)
    {
        if (header.Count > limits.MaxColumns)
        {
            throw new UploadRejectedException($"the file has {header.Count:N0} columns, more than the {limits.MaxColumns:N0} a table may have");
        }

        var names = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = UploadNames.Column(header[i], i + 1);
            if (names.Contains(name))
            {
                throw new UploadRejectedException($"columns {names.IndexOf(name) + 1} and {i + 1} are both named \"{name}\"; rename one");
            }

            names.Add(name);
        }

        return names.Count > 0 ? names : throw new UploadRejectedException("the header names no columns");
    }

    private static UploadColumnType Infer(UploadCells cells, int column)
    {
        var values = cells.Rows.Select(row => row[column]).Where(v => v is not null).Cast<string>().ToList();
        return values.Count == 0
            ? UploadColumnType.Text
            : UploadValues.InferenceOrder.FirstOrDefault(
                type => values.TrueForAll(v => UploadValues.TryRead(type, v, out _) && !UploadValues.LooksLikeAnId(type, v)), UploadColumnType.Text);
    }

    private static (List<object?[]> Rows, long Bytes) Read(UploadCells cells, List<UploadColumn> columns)
    {
        var rows = new List<object?[]>(cells.Rows.Count);
        var bytes = 0L;
        for (var r = 0; r < cells.Rows.Count; r++)
        {
            var row = new object?[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                if (cells.Rows[r][c] is not { } text)
                {
                    continue;
                }

                if (!UploadValues.TryRead(columns[c].Type, text, out var value))
                {
                    throw new UploadRejectedException(
                        $"{cells.Unit} {cells.Positions[r]}, column {c + 1} ({columns[c].Name}): \"{Shorten(text)}\" is not " +
                        $"{UploadValues.Example(columns[c].Type)}, as the column's type {UploadColumnTypes.Name(columns[c].Type)} needs");
                }

                row[c] = value;
                bytes += UploadValues.Size(value);
            }

            rows.Add(row);
        }

        return (rows, bytes);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
