using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Query;

/// <summary>
/// The filters every view of a table takes (from, to, conversation and version, country, line), written once in
/// Reports/DIALECT/filters-sessions.sql and filters-deployments.sql, and written into the reports' SQL and the table
/// browser's of that dialect where a line says <c>WHERE {session_filters}</c> or <c>AND {deployment_filters:ALIAS}</c>.
/// </summary>
internal static partial class SharedFilters
{
    /// <summary>Each dialect's and table's filter clauses, read once (every report and both browsers write them in).</summary>
    private static readonly ConcurrentDictionary<(SqlDialect Dialect, string Kind), string[]> s_clauses = new();

    /// <summary><paramref name="sql"/>, written in <paramref name="dialect"/>, with each filter placeholder line replaced by that dialect's clauses.</summary>
    /// <exception cref="InvalidOperationException">A placeholder that is not a line of its own, which would reach the database as text.</exception>
    public static string WriteInto(string sql, SqlDialect dialect)
    {
        var written = FilterPlaceholder().Replace(sql.ReplaceLineEndings("\n"), placeholder => WriteClauses(placeholder, dialect));
        return written.Contains("{session_filters", StringComparison.Ordinal) || written.Contains("{deployment_filters", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"a filter placeholder is not on a line of its own: {written}")
            : written;
    }

    private static string WriteClauses(Match placeholder, SqlDialect dialect)
    {
        var indent = placeholder.Groups["indent"].Value + (placeholder.Groups["keyword"].Value == "WHERE" ? "  " : "");
        var alias = placeholder.Groups["alias"].Success ? placeholder.Groups["alias"].Value + "." : "";
        var clauses = s_clauses.GetOrAdd((dialect, placeholder.Groups["kind"].Value), Clauses)
            .Select(line => line.Replace("{t}", alias, StringComparison.Ordinal));
        return placeholder.Groups["indent"].Value + placeholder.Groups["keyword"].Value + " " + string.Join("\n" + indent, clauses);
    }

    private static string[] Clauses((SqlDialect Dialect, string Kind) filters) =>
    [
        .. ReportSql.Read(filters.Dialect, $"filters-{filters.Kind}s")
            .Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal)),
    ];

    [GeneratedRegex(@"^(?<indent> *)(?<keyword>WHERE|AND) \{(?<kind>session|deployment)_filters(?::(?<alias>\w+))?\}$", RegexOptions.Multiline)]
    private static partial Regex FilterPlaceholder();
}
