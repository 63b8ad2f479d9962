using System.Globalization;
using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// A report's SQL with its parameter values written in as SQL literals, so the exact query a report page ran can be
/// opened, read and run again in the SQL editor (which takes plain SQL, no parameters).
/// </summary>
internal static partial class ReportSqlText
{
    public static string Inline(string sql, IReadOnlyDictionary<string, object?> bound, SqlDialect dialect) =>
        Parameter().Replace(sql, match => match.Groups[1].Value[0] != SqlParameters.Sigil(dialect)
            ? match.Value
            : bound.TryGetValue(match.Groups[2].Value, out var value)
                ? Literal(value)
                : throw new InvalidOperationException($"the report uses {match.Value}, which it does not declare"));

    // Both dialects' literals: a quoted timestamp is cast by the SQL that follows it (::TIMESTAMP, ::timestamp).
    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        DateTime time => "'" + time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'",
        int number => number.ToString(CultureInfo.InvariantCulture),
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => throw new ArgumentException($"no SQL literal for a {value.GetType().Name}", nameof(value)),
    };

    // The reports' SQL has no '$' or '@' inside string literals or comments, so every $name (DuckDB) or @name
    // (PostgreSQL) is a parameter.
    [GeneratedRegex(@"([$@])([a-z_]+)\b")]
    private static partial Regex Parameter();
}
