using System.Text;
using AnalyticsCenter.Core.Uploads;

namespace AnalyticsCenter.Query.Uploads;

/// <summary>
/// Reads CSV (RFC 4180: quoted values may hold separators, quotes doubled, line breaks) as it streams in. The separator
/// is whichever of comma, semicolon and tab the header line has most of, so spreadsheets' regional exports read too.
/// </summary>
internal static class CsvCells
{
    private static readonly char[] s_separators = [',', ';', '\t'];

    public static async Task<UploadCells> ReadAsync(Stream input, UploadLimits limits, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var reader = new Reader(text, limits.MaxValueChars);
        var headerLine = await text.ReadLineAsync(cancellationToken)
            ?? throw new UploadRejectedException("the file is empty: the first line must name the columns");
        reader.Separator = s_separators.MaxBy(c => headerLine.Count(h => h == c));
        reader.Push(headerLine);
        var header = await reader.NextAsync(cancellationToken) ?? [];
        var rows = new List<string?[]>();
        var positions = new List<long>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = reader.Line + 1;
            if (await reader.NextAsync(cancellationToken) is not { } row)
            {
                break;
            }

            if (row.Length == 1 && row[0] is null)
            {
                continue;
            }

            if (row.Length != header.Length)
            {
                throw new UploadRejectedException($"line {start} has {row.Length} values, the header line has {header.Length}");
            }

            rows.Add(row);
            positions.Add(start);
            if (rows.Count > limits.MaxRows)
            {
                throw new UploadRejectedException($"the file has more than {limits.MaxRows:N0} rows, the most one table may have");
            }
        }

        return new UploadCells("line", header, rows, positions);
    }

    /// <summary>The parser's state: the text it reads and the line it is on.</summary>
    private sealed class Reader(StreamReader text, int maxValueChars)
    {
        private readonly StringBuilder _value = new();
        private string? _pushed;

        public char Separator { get; set; } = ',';

        /// <summary>The last line read, counting from 1.</summary>
        public long Line { get; private set; }

        public void Push(string line) => _pushed = line;

        /// <summary>The next record's values (an empty value is null), or null at the end.</summary>
        public async Task<string?[]?> NextAsync(CancellationToken cancellationToken)
        {
            if (await ReadLineAsync(cancellationToken) is not { } line)
            {
                return null;
            }

            var start = Line;
            var values = new List<string?>();
            var quoted = false;
            var wasQuoted = false;
            _value.Clear();
            for (var i = 0; ; i++)
            {
                if (i == line.Length)
                {
                    if (!quoted)
                    {
                        break;
                    }

                    line = await ReadLineAsync(cancellationToken)
                        ?? throw new UploadRejectedException($"line {start}: a quoted value is not closed before the end of the file");
                    _value.Append('\n');
                    i = -1;
                    continue;
                }

                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        _value.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        _value.Append(c);
                    }
                }
                else if (c == '"' && _value.Length == 0 && !wasQuoted)
                {
                    (quoted, wasQuoted) = (true, true);
                }
                else if (c == Separator)
                {
                    values.Add(Take(wasQuoted));
                    wasQuoted = false;
                }
                else
                {
                    _value.Append(c);
                }

                if (_value.Length > maxValueChars)
                {
                    throw new UploadRejectedException($"line {start}, column {values.Count + 1}: a value is longer than {maxValueChars:N0} characters");
                }
            }

            values.Add(Take(wasQuoted));
            return [.. values];
        }

        private string? Take(bool wasQuoted)
        {
            var value = _value.ToString();
            _value.Clear();
            return value.Length == 0 && !wasQuoted ? null : value;
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            string? line;
            if (_pushed is not null)
            {
                (line, _pushed) = (_pushed, null);
            }
            else
            {
                try
                {
                    line = await text.ReadLineAsync(cancellationToken);
                }
                catch (DecoderFallbackException)
                {
                    throw new UploadRejectedException($"line {Line + 1} is not UTF-8 text; save the file as UTF-8 CSV");
                }
            }

            if (line is not null)
            {
                Line++;
            }

            return line;
        }
    }
}
