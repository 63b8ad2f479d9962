using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// A report's SQL as a person reads it in the SQL editor (which takes plain SQL, no parameters): each filter that was
/// given written in as a plain condition with its value (<c>AND user_country_code = '+57'</c>), each filter that was not
/// left out, and the choices (time zone, grain, grouping) as literals. It gives the same rows as the report.
/// </summary>
internal static partial class ReportSqlText
{
    /// <summary>
    /// <paramref name="report"/>'s readable SQL in <paramref name="dialect"/> with <paramref name="values"/> written in,
    /// each choice not given at its default.
    /// </summary>
    public static string ReadableFor(ReportVariant report, IReadOnlyDictionary<string, object?> values, SqlDialect dialect) =>
        Readable(report.ReadableSql(dialect),
            report.Bind(values).ToDictionary(
                pair => pair.Key, pair => pair.Value ?? report.Parameters.First(p => p.Name == pair.Key).Default, StringComparer.Ordinal),
            dialect);

    public static string Readable(string sql, IReadOnlyDictionary<string, object?> bound, SqlDialect dialect)
    {
        var sigil = SqlParameters.Sigil(dialect);
        var written = new StringBuilder();
        string? droppedWhere = null;
        foreach (var line in sql.Split('\n'))
        {
            var text = line;
            var optional = OptionalFilter().Match(line);
            if (optional.Success && optional.Groups["sigil"].Value[0] == sigil)
            {
                var (indent, keyword) = (optional.Groups["indent"].Value, optional.Groups["keyword"].Value);
                if (Value(bound, optional.Groups["name"].Value) is null)
                {
                    // The WHERE goes to the next condition, if one follows.
                    droppedWhere = keyword == "WHERE" ? indent : droppedWhere;
                    continue;
                }

                var condition = optional.Groups["condition"].Value;
                text = indent + keyword + " " + (condition.Contains(" OR ", StringComparison.Ordinal) ? $"({condition})" : condition);
            }

            if (droppedWhere is not null)
            {
                var rest = text.TrimStart();
                text = rest.StartsWith("AND ", StringComparison.Ordinal) ? droppedWhere + "WHERE " + rest["AND ".Length..] : text;
                droppedWhere = null;
            }

            // A comment names a parameter as a word; code gets its value.
            var comment = text.TrimStart().StartsWith("--", StringComparison.Ordinal);
            written.Append(Parameter().Replace(text, match => match.Groups["sigil"].Value[0] != sigil
                ? match.Value
                : comment ? match.Groups["name"].Value : Literal(Value(bound, match.Groups["name"].Value))));
            written.Append('\n');
        }

        return written.ToString().TrimEnd('\n');
    }

    private static object? Value(IReadOnlyDictionary<string, object?> bound, string name) => bound.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException($"the report uses {name}, which it does not declare");

    // Literals both dialects read alike.
    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        DateTime time => "TIMESTAMP '" + time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff",
            CultureInfo.InvariantCulture) + "'",
        int number => number.ToString(CultureInfo.InvariantCulture),
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => throw new ArgumentException($"no SQL literal for a {value.GetType().Name}", nameof(value)),
    };

    // A filter line as the reports write them: (PARAMETER IS NULL OR CONDITION), a condition of its own line.
    [GeneratedRegex(@"^(?<indent> *)(?<keyword>WHERE|AND) \((?<sigil>[$@])(?<name>[a-z_]+)::[a-zA-Z]+ IS NULL OR (?<condition>.*)\)$")]
    private static partial Regex OptionalFilter();

    // The reports' SQL has no '$' or '@' inside string literals or comments, so every $name (DuckDB) or @name
    // (PostgreSQL) is a parameter; its cast goes with it, as a literal says its type.
    [GeneratedRegex(@"(?<sigil>[$@])(?<name>[a-z_]+)\b(::(?:[a-zA-Z]+)(?: precision)?)?")]
    private static partial Regex Parameter();
}
