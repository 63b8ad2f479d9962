using System.Globalization;
using System.Text.RegularExpressions;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// A report's SQL with its parameter values written in as SQL literals, so the exact query a report page ran can be
/// opened, read and run again in the SQL editor (which takes plain SQL, no parameters).
/// </summary>
internal static partial class ReportSqlText
{
    public static string Inline(string sql, IReadOnlyDictionary<string, object?> bound) => Parameter().Replace(sql, match =>
        bound.TryGetValue(match.Groups[1].Value, out var value)
            ? Literal(value)
            : throw new InvalidOperationException($"the report uses ${match.Groups[1].Value}, which it does not declare"));

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        DateTime time => "'" + time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'",
        int number => number.ToString(CultureInfo.InvariantCulture),
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => throw new ArgumentException($"no SQL literal for a {value.GetType().Name}", nameof(value)),
    };

    // The reports' SQL has no '$' inside string literals or comments, so every $name is a parameter.
    [GeneratedRegex(@"\$([a-z_]+)\b")]
    private static partial Regex Parameter();
}
