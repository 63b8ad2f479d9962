using System.Text;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// Reads back the records of CSV as the project's writer makes it (RFC 4180: CRLF between records, quoted fields with
/// doubled quotes, an empty unquoted field for NULL), with where each ends, so a cut falls between whole records.
/// </summary>
internal static class CsvRecords
{
    /// <summary>Up to <paramref name="max"/> records of <paramref name="csv"/>, each with the character offset just past its line end.</summary>
    public static List<(IReadOnlyList<string?> Fields, int End)> Read(string csv, int max)
    {
        var records = new List<(IReadOnlyList<string?>, int)>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        var (quoted, wasQuoted, i) = (false, false, 0);
        while (i < csv.Length && records.Count < max)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"':
                    (quoted, wasQuoted) = (true, true);
                    break;
                case ',':
                    fields.Add(Field(field, wasQuoted));
                    wasQuoted = false;
                    break;
                case '\r' when i + 1 < csv.Length && csv[i + 1] == '\n':
                    fields.Add(Field(field, wasQuoted));
                    wasQuoted = false;
                    i++;
                    records.Add((fields.ToArray(), i + 1));
                    fields.Clear();
                    break;
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        return records;
    }

    private static string? Field(StringBuilder field, bool wasQuoted)
    {
        var text = field.ToString();
        field.Clear();
        return text.Length == 0 && !wasQuoted ? null : text;
    }
}
