using System.Reflection;
using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Web.Api;

/// <summary>One of the two tables as the API browses and exports it: its page query and its paging key.</summary>
internal sealed record BrowsedTable(string Name, string TimeColumn, string IdColumn)
{
    public static BrowsedTable Sessions { get; } = new("sessions", "session_started_timestamp", "session_id");

    public static BrowsedTable Deployments { get; } = new("deployments", "deployment_timestamp", "deployment_id");

    public string PageSql => EmbeddedText.Read(Assembly.GetExecutingAssembly(), $"Sql/browse-{Name}.sql");

    public static BrowsedTable? Find(string name) => name switch
    {
        "sessions" => Sessions,
        "deployments" => Deployments,
        _ => null,
    };
}
