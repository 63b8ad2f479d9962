using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.Api;

/// <summary>One of the two tables as the API browses and exports it: its filter query, its paging key and page query, in each dialect.</summary>
internal sealed record BrowsedTable(string Name, string TimeColumn, string IdColumn)
{
    // Built once per dialect: they never change.
    private readonly Dictionary<SqlDialect, string> _filterSql = Enum.GetValues<SqlDialect>().ToDictionary(d => d, d => Filter(Name, d));
    private readonly Dictionary<SqlDialect, string> _pageSql = Enum.GetValues<SqlDialect>().ToDictionary(d => d, d => WebSql.Read(d, "page.sql")
        .Replace("{filtered}", Filter(Name, d), StringComparison.Ordinal)
        .Replace("{time}", TimeColumn, StringComparison.Ordinal)
        .Replace("{id}", IdColumn, StringComparison.Ordinal));

    public static BrowsedTable Sessions { get; } = new("sessions", "session_started_timestamp", "session_id");

    public static BrowsedTable Deployments { get; } = new("deployments", "deployment_timestamp", "deployment_id");

    public static BrowsedTable? Find(string name) => name switch
    {
        "sessions" => Sessions,
        "deployments" => Deployments,
        _ => null,
    };

    /// <summary>Every row that passes the filters, in storage order (no sort, so an export's memory stays flat).</summary>
    public string FilterSql(SqlDialect dialect) => _filterSql[dialect];

    /// <summary>One page of the filtered rows, newest first, after a cursor.</summary>
    public string PageSql(SqlDialect dialect) => _pageSql[dialect];

    /// <summary>The table's filter query, with the filters it shares with the reports written in.</summary>
    private static string Filter(string table, SqlDialect dialect) => SharedFilters.WriteInto(WebSql.Read(dialect, $"filter-{table}.sql"), dialect);
}
