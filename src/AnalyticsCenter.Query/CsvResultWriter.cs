using System.Buffers;
using System.Data.Common;
using System.Text;

namespace AnalyticsCenter.Query;

/// <summary>
/// Writes a result as RFC 4180 CSV, streaming row by row: a header row of column names, comma
/// separators, CRLF line endings; a field holding a comma, semicolon, quote, tab, CR or LF is quoted
/// with its quotes doubled. NULL is an empty unquoted field and the empty string is written <c>""</c>,
/// so the two stay distinguishable.
/// </summary>
/// <remarks>
/// A spreadsheet opening the file runs a cell that begins like a formula, so text a customer wrote
/// (<c>=HYPERLINK(…)</c>, <c>+cmd|…</c>) would run on the analyst's machine. Unless
/// <see cref="ResultWriterOptions.RawCsv"/> is set, a text cell (a string value or a column name; never
/// a number, so <c>-3</c> stays a number) that <see cref="StartsFormula"/> is written as OWASP advises
/// for CSV injection: quoted, with a single quote before its text, which spreadsheets show as text.
/// </remarks>
internal sealed class CsvResultWriter
{
    private const string LineEnd = "\r\n";

    // The semicolon and the tab separate cells for spreadsheets set to read them so: quoted, a value stays one cell.
    private static readonly SearchValues<char> s_charsToQuote = SearchValues.Create(",;\"\t\r\n");

    // OWASP's four, and their full-width forms, which some spreadsheets also read as a formula's start.
    private static readonly SearchValues<char> s_formulaStarts = SearchValues.Create("=+-@\uFF1D\uFF0B\uFF0D\uFF20");

    private readonly TextWriter _output;
    private readonly bool _raw;
    private readonly StringBuilder _line = new(256);

    private CsvResultWriter(TextWriter output, bool raw)
    {
        _output = output;
        _raw = raw;
    }

    /// <summary>Writes the header and every row of the reader; returns the number of rows written.</summary>
    /// <param name="reader">The result.</param>
    /// <param name="output">Where the CSV goes.</param>
    /// <param name="raw">Write text cells as they are, formulas included (see the remarks).</param>
    /// <param name="ct">Cancels between rows.</param>
    public static Task<long> WriteAsync(DbDataReader reader, TextWriter output, bool raw, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        return new CsvResultWriter(output, raw).WriteRowsAsync(reader, ct);
    }

    /// <summary>
    /// Whether a spreadsheet would take the text for a formula: it begins with a tab or a carriage return
    /// (OWASP), or its first character after any leading whitespace is <c>= + - @</c> or one of their full-width forms.
    /// </summary>
    public static bool StartsFormula(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] is '\t' or '\r')
        {
            return true;
        }

        var start = text.TrimStart();
        return !start.IsEmpty && s_formulaStarts.Contains(start[0]);
    }

    /// <summary>Appends one field, quoted when needed and neutralised when it is text that starts a formula; null appends nothing.</summary>
    private void AppendField(string? value, bool isText)
    {
        if (value is null)
        {
            return;
        }

        var neutralise = isText && !_raw && StartsFormula(value);
        if (!neutralise && value.Length > 0 && !value.AsSpan().ContainsAny(s_charsToQuote))
        {
            _line.Append(value);
            return;
        }

        _line.Append('"');
        if (neutralise)
        {
            _line.Append('\'');
        }

        var rest = value.AsSpan();
        int quote;
        while ((quote = rest.IndexOf('"')) >= 0)
        {
            _line.Append(rest[..(quote + 1)]).Append('"');
            rest = rest[(quote + 1)..];
        }

        _line.Append(rest).Append('"');
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

                AppendField(names[i], isText: true);
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

                // Only text is neutralised: a number's sign is no formula, and numbers must stay numbers.
                var value = reader.GetValue(i);
                AppendField(ValueFormatter.FormatText(value), isText: value is string or char);
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
