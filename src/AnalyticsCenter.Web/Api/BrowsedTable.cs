using System.Reflection;
using AnalyticsCenter.Core.Text;
using AnalyticsCenter.Query;

namespace AnalyticsCenter.Web.Api;

/// <summary>One of the two tables as the API browses and exports it: its filter query, its paging key and page query.</summary>
internal sealed record BrowsedTable(string Name, string TimeColumn, string IdColumn)
{
    public static BrowsedTable Sessions { get; } = new("sessions", "session_started_timestamp", "session_id");

    public static BrowsedTable Deployments { get; } = new("deployments", "deployment_timestamp", "deployment_id");

    /// <summary>Every row that passes the filters, in storage order (no sort, so an export's memory stays flat).</summary>
    public string FilterSql { get; } = Filter(Name);

    /// <summary>One page of the filtered rows, newest first, after a cursor. Built once: it never changes.</summary>
    public string PageSql { get; } = Sql("page.sql")
        .Replace("{filtered}", Filter(Name), StringComparison.Ordinal)
        .Replace("{time}", TimeColumn, StringComparison.Ordinal)
        .Replace("{id}", IdColumn, StringComparison.Ordinal);

    public static BrowsedTable? Find(string name) => name switch
    {
        "sessions" => Sessions,
        "deployments" => Deployments,
        _ => null,
    };

    /// <summary>The table's filter query, with the filters it shares with the reports written in.</summary>
    private static string Filter(string table) => SharedFilters.WriteInto(Sql($"filter-{table}.sql"));

    private static string Sql(string file) => EmbeddedText.Read(Assembly.GetExecutingAssembly(), "Sql/" + file);
}
