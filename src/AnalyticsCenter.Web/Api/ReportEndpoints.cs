using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Access;
using Microsoft.Extensions.Primitives;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>GET /api/v1/reports</c>: the ready analyses with their parameters and exact SQL (to open in the SQL editor);
/// <c>GET /api/v1/reports/{name}</c>: one of them run as the caller's workspace, as JSON or CSV.
/// </summary>
internal static class ReportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/reports", (ITenantQueries store) => TypedResults.Ok(ReadyReport.All.Select(r => new ReportDescription(
            r.Name, r.Title, r.Description, r.Parameters.Select(p => new ParameterDescription(p.Name, p.KindName, p.Description)).ToList(),
            r.Sql(store.Dialect)))))
            .WithSummary("The ready reports: what each answers, its parameters and its SQL");
        api.MapGet("/reports/{name}", Run).WithSummary("Run a ready report with its filters (format=csv for CSV)");
        api.MapGet("/reports/{name}/sql", Sql)
            .WithSummary("A report's SQL to read and adapt: the given filters written in as plain conditions, the rest left out; the same rows");
    }

    private static async Task Run(HttpContext context, string name, ITenantQueries store, IWorkspaceSettings settings)
    {
        if (await Filters(context, name, context.Request.Query, context.User.WorkspaceOf(), settings) is not var (report, values))
        {
            return;
        }

        var csv = string.Equals(context.Request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase);
        await store.QueryAsync(context.User.WorkspaceOf(), report.Sql(store.Dialect), report.Bind(values),
            reader => StreamedRows.WriteAsync(context, reader, csv ? ResultFormat.Csv : ResultFormat.Json), context.RequestAborted);
    }

    private static async Task Sql(HttpContext context, string name, ITenantQueries store, IWorkspaceSettings settings)
    {
        if (await Filters(context, name, context.Request.Query, context.User.WorkspaceOf(), settings) is var (report, values))
        {
            await context.Response.WriteAsJsonAsync(new ReportSql(report.Name, ReportSqlText.ReadableFor(report, values, store.Dialect)),
                context.RequestAborted);
        }
    }

    /// <summary>
    /// The report and its filters from <paramref name="query"/> (the request's, or a share link's), the time zone defaulting
    /// to <paramref name="workspace"/>'s, or null after answering 404/400 in words.
    /// </summary>
    public static async Task<(ReadyReport Report, Dictionary<string, object?> Values)?> Filters(
        HttpContext context, string name, IEnumerable<KeyValuePair<string, StringValues>> query, WorkspaceId workspace, IWorkspaceSettings settings)
    {
        if (ReadyReport.Find(name) is not { } report)
        {
            await Problems.Write(context, StatusCodes.Status404NotFound, "No such report",
                $"\"{name}\" is not a report: use one of {string.Join(", ", ReadyReport.All.Select(r => r.Name))}");
            return null;
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, text) in query)
        {
            if (key == "format")
            {
                continue;
            }

            if (report.Parameters.FirstOrDefault(p => p.Name == key) is not { } parameter)
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, "Unknown filter",
                    $"{report.Name} takes {string.Join(", ", report.Parameters.Select(p => p.Name))}; not \"{key}\"");
                return null;
            }

            if (!QueryStringValue.TryParse(key, text.ToString(), parameter.ClrType, out var value, out var problem))
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad filter", problem!);
                return null;
            }

            if (parameter.Choices is { } choices && value is string choice && !choices.Contains(choice))
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad filter", $"{key} is one of {string.Join(", ", choices)}; not \"{choice}\"");
                return null;
            }

            values[key] = value;
        }

        if (report.Parameters.Contains(ReportParameter.TimeZone) && values.GetValueOrDefault(ReportParameter.TimeZone.Name) is null or "")
        {
            values[ReportParameter.TimeZone.Name] = (await settings.GetTimeZoneAsync(workspace, context.RequestAborted)).Id;
        }

        return (report, values);
    }
}

/// <summary>A ready report as <c>/api/v1/reports</c> lists it.</summary>
internal sealed record ReportDescription(string Name, string Title, string Description, IReadOnlyList<ParameterDescription> Parameters, string Sql);

/// <summary>What <c>/api/v1/reports/{name}/sql</c> answers: the report's readable SQL with the given filters written in.</summary>
internal sealed record ReportSql(string Name, string Sql);

/// <summary>One of a report's parameters; <paramref name="Type"/> is its kind, the same in every store: timestamp, text or integer.</summary>
internal sealed record ParameterDescription(string Name, string Type, string Description);
