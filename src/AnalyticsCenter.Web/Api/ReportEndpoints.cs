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
        api.MapGet("/reports", async (HttpContext context, ITenantQueries store, IWorkspaceUploads uploads) =>
            {
                var listed = await uploads.ListUploadsAsync(context.User.WorkspaceOf(), context.RequestAborted);
                return TypedResults.Ok(ReadyReport.All.Select(r => r.For(listed)).Select(v => new ReportDescription(
                    v.Report.Name, v.Report.Title, v.Report.Description,
                    v.Parameters.Select(p => new ParameterDescription(p.Name, p.KindName, p.Description)).ToList(), v.Sql(store.Dialect), v.Notes)));
            })
            .WithSummary("The ready reports as the caller's workspace runs them: what each answers, its parameters, its SQL, and notes on uploads");
        api.MapGet("/reports/{name}", Run).WithSummary("Run a ready report with its filters (format=csv for CSV)");
        api.MapGet("/reports/{name}/sql", Sql)
            .WithSummary("A report's SQL to read and adapt: the given filters written in as plain conditions, the rest left out; the same rows");
    }

    private static async Task Run(
        HttpContext context, string name, ITenantQueries store, IWorkspaceSettings settings, IWorkspaceUploads uploads, IDataVersions versions,
        ReportAnswers answers)
    {
        var workspace = context.User.WorkspaceOf();
        // Read before the uploads that choose the report's variant, and before its rows: an answer is never kept under a
        // version newer than what it was computed from.
        var version = await versions.DataVersionAsync(workspace, context.RequestAborted);
        if (await Filters(context, name, context.Request.Query, workspace, settings, uploads, store) is not var (report, values))
        {
            return;
        }

        // The rows are the body; what an upload would add is said beside them, as /reports lists it.
        context.Response.Headers[NotesHeader] = report.Notes.ToArray();
        var format = string.Equals(context.Request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase) ? ResultFormat.Csv : ResultFormat.Json;
        await answers.WriteAsync(context, workspace, version, report, values, format);
    }

    private static async Task Sql(HttpContext context, string name, ITenantQueries store, IWorkspaceSettings settings, IWorkspaceUploads uploads)
    {
        if (await Filters(context, name, context.Request.Query, context.User.WorkspaceOf(), settings, uploads, store) is var (report, values))
        {
            await context.Response.WriteAsJsonAsync(new ReportSql(report.Report.Name, ReportSqlText.ReadableFor(report, values, store.Dialect)),
                context.RequestAborted);
        }
    }

    /// <summary>The response header each of a report's <see cref="ReportVariant.Notes"/> is sent in.</summary>
    public const string NotesHeader = "Analytics-Report-Note";

    /// <summary>
    /// The report as <paramref name="workspace"/> runs it (by its uploads) and its filters from <paramref name="query"/> (the
    /// request's, or a share link's), the time zone defaulting to the workspace's, or null after answering 404/400 in words.
    /// </summary>
    /// <exception cref="QueryRefusedException">The report would sum ad spend in more than one currency.</exception>
    public static async Task<(ReportVariant Report, Dictionary<string, object?> Values)?> Filters(
        HttpContext context, string name, IEnumerable<KeyValuePair<string, StringValues>> query, WorkspaceId workspace, IWorkspaceSettings settings,
        IWorkspaceUploads uploads, ITenantQueries store)
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

            if (report.AcceptedParameters.FirstOrDefault(p => p.Name == key) is not { } parameter)
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, "Unknown filter",
                    $"{report.Name} takes {string.Join(", ", report.AcceptedParameters.Select(p => p.Name))}; not \"{key}\"");
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

        if (report.AcceptedParameters.Contains(ReportParameter.TimeZone) && values.GetValueOrDefault(ReportParameter.TimeZone.Name) is null or "")
        {
            values[ReportParameter.TimeZone.Name] = (await settings.GetTimeZoneAsync(workspace, context.RequestAborted)).Id;
        }

        return (await ReportVariant.ForWorkspaceAsync(report, uploads, store, workspace, context.RequestAborted), values);
    }
}

/// <summary>
/// A ready report as <c>/api/v1/reports</c> lists it for the caller's workspace, with its SQL and parameters as the
/// workspace's uploads make them, and notes: which uploads would add columns, or an upload it cannot read, one sentence each.
/// </summary>
internal sealed record ReportDescription(
    string Name, string Title, string Description, IReadOnlyList<ParameterDescription> Parameters, string Sql, IReadOnlyList<string> Notes);

/// <summary>What <c>/api/v1/reports/{name}/sql</c> answers: the report's readable SQL with the given filters written in.</summary>
internal sealed record ReportSql(string Name, string Sql);

/// <summary>One of a report's parameters; <paramref name="Type"/> is its kind, the same in every store: timestamp, text or integer.</summary>
internal sealed record ParameterDescription(string Name, string Type, string Description);
