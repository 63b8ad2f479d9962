using System.Text.RegularExpressions;

namespace AnalyticsCenter.Query;

/// <summary>
/// The filters every view of a table takes (from, to, conversation and version, country, line), written once in
/// Reports/filters-sessions.sql and filters-deployments.sql, and written into the reports' SQL and the table browser's
/// where a line says <c>WHERE {session_filters}</c> or <c>AND {deployment_filters:ALIAS}</c>.
/// </summary>
public static partial class SharedFilters
{
    /// <summary><paramref name="sql"/> with each filter placeholder line replaced by the filters' clauses.</summary>
    public static string WriteInto(string sql) => FilterPlaceholder().Replace(sql, placeholder =>
    {
        var indent = placeholder.Groups["indent"].Value + (placeholder.Groups["keyword"].Value == "WHERE" ? "  " : "");
        var alias = placeholder.Groups["alias"].Success ? placeholder.Groups["alias"].Value + "." : "";
        var clauses = ReportSql.Read($"filters-{placeholder.Groups["kind"].Value}s").Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal))
            .Select(line => line.Replace("{t}", alias, StringComparison.Ordinal));
        return placeholder.Groups["indent"].Value + placeholder.Groups["keyword"].Value + " " + string.Join("\n" + indent, clauses);
    });

    [GeneratedRegex(@"^(?<indent> *)(?<keyword>WHERE|AND) \{(?<kind>session|deployment)_filters(?::(?<alias>\w+))?\}$", RegexOptions.Multiline)]
    private static partial Regex FilterPlaceholder();
}
