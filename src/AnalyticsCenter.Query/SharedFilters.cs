using System.Text.RegularExpressions;

namespace AnalyticsCenter.Query;

/// <summary>
/// The filters every view of a table takes (from, to, conversation and version, country, line), written once in
/// Reports/filters-sessions.sql and filters-deployments.sql, and written into the reports' SQL and the table browser's
/// where a line says <c>WHERE {session_filters}</c> or <c>AND {deployment_filters:ALIAS}</c>.
/// </summary>
internal static partial class SharedFilters
{
    /// <summary>Each table's filter clauses, read once (every report and both browsers write them in).</summary>
    private static readonly Dictionary<string, string[]> s_clauses = new(StringComparer.Ordinal)
    {
        ["session"] = Clauses("filters-sessions"),
        ["deployment"] = Clauses("filters-deployments"),
    };

    /// <summary><paramref name="sql"/> with each filter placeholder line replaced by the filters' clauses.</summary>
    /// <exception cref="InvalidOperationException">A placeholder that is not a line of its own, which would reach DuckDB as text.</exception>
    public static string WriteInto(string sql)
    {
        var written = FilterPlaceholder().Replace(sql.ReplaceLineEndings("\n"), WriteClauses);
        return written.Contains("{session_filters", StringComparison.Ordinal) || written.Contains("{deployment_filters", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"a filter placeholder is not on a line of its own: {written}")
            : written;
    }

    private static string WriteClauses(Match placeholder)
    {
        var indent = placeholder.Groups["indent"].Value + (placeholder.Groups["keyword"].Value == "WHERE" ? "  " : "");
        var alias = placeholder.Groups["alias"].Success ? placeholder.Groups["alias"].Value + "." : "";
        var clauses = s_clauses[placeholder.Groups["kind"].Value].Select(line => line.Replace("{t}", alias, StringComparison.Ordinal));
        return placeholder.Groups["indent"].Value + placeholder.Groups["keyword"].Value + " " + string.Join("\n" + indent, clauses);
    }

    private static string[] Clauses(string file) =>
        [.. ReportSql.Read(file).Split('\n').Where(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal))];

    [GeneratedRegex(@"^(?<indent> *)(?<keyword>WHERE|AND) \{(?<kind>session|deployment)_filters(?::(?<alias>\w+))?\}$", RegexOptions.Multiline)]
    private static partial Regex FilterPlaceholder();
}
