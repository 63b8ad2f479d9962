using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>GET /api/v1/overview?from&amp;to&amp;tz</c>: the overview page's daily figures (sessions, finished sessions and their
/// duration, deployments and deliveries) by day in a time zone (default: the workspace's), from which it draws totals and trends.
/// </summary>
internal static class OverviewEndpoints
{
    private static readonly (string Name, Type Type)[] s_parameters = [("from", typeof(DateTime)), ("to", typeof(DateTime)), ("tz", typeof(string))];

    public static void Map(RouteGroupBuilder api) => api.MapGet("/overview", async (HttpContext context, ITenantQueries store, IWorkspaceSettings settings) =>
    {
        var (values, problem) = TableFilters.Parse(context.Request.Query, s_parameters);
        if (problem is not null)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad filter", problem);
            return;
        }

        values["tz"] ??= (await settings.GetTimeZoneAsync(context.User.WorkspaceOf(), context.RequestAborted)).Id;

        await store.QueryAsync(context.User.WorkspaceOf(), WebSql.Read(store.Dialect, "overview.sql"), values,
            reader => StreamedRows.WriteAsync(context, reader, ResultFormat.Json), context.RequestAborted);
    }).WithSummary("Daily sessions, durations, deployments and deliveries in a time zone, for the overview");
}
