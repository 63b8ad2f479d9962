using System.Buffers;
using System.Data.Common;
using System.Text;

namespace AnalyticsCenter.Query;

/// <summary>
/// Writes a result as RFC 4180 CSV, streaming row by row: a header row of column names, comma
/// separators, CRLF line endings; a field holding a comma, quote, CR or LF is quoted with its quotes
/// doubled. NULL is an empty unquoted field and the empty string is written <c>""</c>, so the two stay
/// distinguishable.
/// </summary>
internal sealed class CsvResultWriter
{
    private const string LineEnd = "\r\n";

    private static readonly SearchValues<char> s_charsToQuote = SearchValues.Create(",\"\r\n");

    private readonly TextWriter _output;
    private readonly StringBuilder _line = new(256);

    private CsvResultWriter(TextWriter output) => _output = output;

    /// <summary>Writes the header and every row of the reader; returns the number of rows written.</summary>
    public static Task<long> WriteAsync(DbDataReader reader, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        return new CsvResultWriter(output).WriteRowsAsync(reader, ct);
    }

    /// <summary>Appends one field, quoted when needed; a null value appends nothing.</summary>
    public static void AppendField(StringBuilder line, string? value)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (value is null)
        {
            return;
        }

        if (value.Length > 0 && !value.AsSpan().ContainsAny(s_charsToQuote))
        {
            line.Append(value);
            return;
        }

        line.Append('"');
        var rest = value.AsSpan();
        int quote;
        while ((quote = rest.IndexOf('"')) >= 0)
        {
            line.Append(rest[..(quote + 1)]).Append('"');
            rest = rest[(quote + 1)..];
        }

        line.Append(rest).Append('"');
    }

    private async Task<long> WriteRowsAsync(DbDataReader reader, CancellationToken ct)
    {
        var names = ColumnNames.Unique(reader);
        var fieldCount = names.Length;
        if (fieldCount > 0)
        {
            for (var i = 0; i < fieldCount; i++)
            {
                if (i > 0)
                {
                    _line.Append(',');
                }

                AppendField(_line, names[i]);
            }

            await WriteLineAsync(ct);
        }

        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            rows++;
            if (fieldCount == 0)
            {
                continue;
            }

            for (var i = 0; i < fieldCount; i++)
            {
                if (i > 0)
                {
                    _line.Append(',');
                }

                AppendField(_line, ValueFormatter.FormatText(reader.GetValue(i)));
            }

            await WriteLineAsync(ct);
        }

        await _output.FlushAsync(ct);
        return rows;
    }

    private async Task WriteLineAsync(CancellationToken ct)
    {
        _line.Append(LineEnd);
        await _output.WriteAsync(_line, ct);
        _line.Clear();
    }
}
