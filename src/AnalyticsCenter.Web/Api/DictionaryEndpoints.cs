using AnalyticsCenter.Core.Text;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>GET /api/v1/dictionary</c>: the data dictionary of sessions and deployments (every column's type and meaning), as
/// the tables contract (shared/spec/tables.md) states it, embedded in the app as <c>Dictionary/tables.json</c>.
/// </summary>
internal static class DictionaryEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/dictionary", () =>
        TypedResults.Text(EmbeddedText.Read(typeof(DictionaryEndpoints).Assembly, "Dictionary/tables.json"), "application/json; charset=utf-8"))
        .WithSummary("The data dictionary: each table's columns, types and meanings");
}
