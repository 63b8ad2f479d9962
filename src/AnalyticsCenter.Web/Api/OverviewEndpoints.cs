using System.Data.Common;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// The overview dashboard's data, all under one set of filters: <c>GET /api/v1/overview</c> its days (every day of the
/// range, zeros where nothing happened), <c>/overview/compare</c> the range's totals beside the previous range of the same
/// length, <c>/overview/breakdowns</c> the top flows, sources, countries, lines and failure reasons.
/// </summary>
internal static class OverviewEndpoints
{
    private static readonly (string Name, Type Type)[] s_parameters =
    [
        ("from", typeof(DateTime)), ("to", typeof(DateTime)), ("tz", typeof(string)), ("conversation_id", typeof(string)),
        ("conversation_version", typeof(int)), ("country", typeof(string)), ("line", typeof(string)), ("source", typeof(string)),
        ("reason", typeof(string)),
    ];

    // Written once per dialect: the shared filters never change.
    private static readonly Dictionary<SqlDialect, string> s_days = Enum.GetValues<SqlDialect>().ToDictionary(d => d, d => Sql(d, "overview.sql"));
    private static readonly Dictionary<SqlDialect, string> s_breakdowns =
        Enum.GetValues<SqlDialect>().ToDictionary(d => d, d => Sql(d, "overview-breakdowns.sql"));

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/overview", async (HttpContext context, ITenantQueries store, IWorkspaceSettings settings) =>
        {
            if (await Filters(context, settings) is { } values)
            {
                await store.QueryAsync(context.User.WorkspaceOf(), Days(store.Dialect), values,
                    reader => StreamedRows.WriteAsync(context, reader, ResultFormat.Json), context.RequestAborted);
            }
        }).WithSummary("Daily sessions, durations, deployments and deliveries in a time zone, every day of the range, for the overview");

        api.MapGet("/overview/compare", async (HttpContext context, ITenantQueries store, IWorkspaceSettings settings) =>
        {
            if (await Filters(context, settings) is not { } values)
            {
                return;
            }

            if (values["from"] is not DateTime from || values["to"] is not DateTime to || to <= from)
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad filter", "compare needs from and to, from before to");
                return;
            }

            var workspace = context.User.WorkspaceOf();
            var current = await TotalsAsync(store, workspace, values, context.RequestAborted);
            var previousFrom = from - (to - from);
            var previousValues = new Dictionary<string, object?>(values) { ["from"] = previousFrom, ["to"] = from };
            var previous = await TotalsAsync(store, workspace, previousValues, context.RequestAborted);
            await context.Response.WriteAsJsonAsync(OverviewComparison.Of(from, to, previousFrom, current, previous), context.RequestAborted);
        }).WithSummary("The range's totals and the previous range of the same length's, with the change between them");

        api.MapGet("/overview/breakdowns", async (HttpContext context, ITenantQueries store, IWorkspaceSettings settings) =>
        {
            if (await Filters(context, settings) is { } values)
            {
                values.Remove("tz");
                await store.QueryAsync(context.User.WorkspaceOf(), Breakdowns(store.Dialect), values,
                    reader => StreamedRows.WriteAsync(context, reader, ResultFormat.Json), context.RequestAborted);
            }
        }).WithSummary("The top 8 flows, inbound sources, countries, lines and failure reasons under the overview's filters");

        CallingCodeEndpoints.Map(api);
    }

    /// <summary>The days query in <paramref name="dialect"/>, with the shared filters written in.</summary>
    public static string Days(SqlDialect dialect) => s_days[dialect];

    /// <summary>The breakdowns query in <paramref name="dialect"/>, with the shared filters written in.</summary>
    public static string Breakdowns(SqlDialect dialect) => s_breakdowns[dialect];

    /// <summary>Sums the days of a range: the figures over the whole range, whatever its length.</summary>
    public static Task<OverviewTotals> TotalsAsync(
        ITenantQueries store, WorkspaceId workspace, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken) =>
        store.QueryAsync(workspace, Days(store.Dialect), values, async reader =>
        {
            var totals = new OverviewTotals();
            while (await reader.ReadAsync(cancellationToken))
            {
                totals = totals.Add(Number(reader, "sessions"), Number(reader, "finished_sessions"), Number(reader, "finished_duration_s"),
                    Number(reader, "active_duration_s"), Number(reader, "deployments"), Number(reader, "delivered"));
            }

            return totals;
        }, cancellationToken);

    private static double Number(DbDataReader reader, string column) =>
        Convert.ToDouble(reader.GetValue(reader.GetOrdinal(column)), System.Globalization.CultureInfo.InvariantCulture);

    private static string Sql(SqlDialect dialect, string file) => SharedFilters.WriteInto(WebSql.Read(dialect, file), dialect);

    /// <summary>The filters from the query string, the time zone defaulting to the workspace's, or null after answering 400.</summary>
    private static async Task<Dictionary<string, object?>?> Filters(HttpContext context, IWorkspaceSettings settings)
    {
        var (values, problem) = TableFilters.Parse(context.Request.Query, s_parameters);
        if (problem is not null)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad filter", problem);
            return null;
        }

        values["tz"] ??= (await settings.GetTimeZoneAsync(context.User.WorkspaceOf(), context.RequestAborted)).Id;
        return values;
    }
}
