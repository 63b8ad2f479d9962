using System.Globalization;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary><c>POST /api/v1/query</c>: one read-only SELECT as the caller's workspace, streamed as JSON or CSV, or as a Parquet file.</summary>
internal static class QueryEndpoints
{
    private const string Example = """{"sql": "SELECT count(*) FROM sessions"}""";

    private static readonly Dictionary<string, object?> s_noParameters = [];

    public static void Map(RouteGroupBuilder api) => api.MapPost("/query", Run)
        .Accepts<QueryRequest>("application/json")
        .WithSummary("Run one read-only SELECT over sessions and deployments");

    private static async Task Run(HttpContext context, ITenantQueries store, WebHostSettings settings)
    {
        var (request, problem) = await JsonBody.ReadAsync<QueryRequest>(context, Example);
        problem ??= string.IsNullOrWhiteSpace(request!.Sql)
            ? Problems.Result(StatusCodes.Status400BadRequest, "The query is empty", $"\"sql\" is missing or blank: send {Example}")
            : TooLong(request.Sql, settings) ?? FormatProblem(request.Format);
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
            return;
        }

        var sql = request!.Sql!;
        if (string.Equals(request.Format, "parquet", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = ParquetFile.ContentType;
            context.Response.Headers.ContentDisposition = "attachment; filename=\"query.parquet\"";
            await store.ExportParquetAsync(
                context.User.WorkspaceOf(), sql, s_noParameters, context.Response.Body, cancellationToken: context.RequestAborted);
            return;
        }

        var csv = string.Equals(request.Format, "csv", StringComparison.OrdinalIgnoreCase);
        await store.QueryAsync(context.User.WorkspaceOf(), sql,
            reader => StreamedRows.WriteAsync(context, reader, csv ? ResultFormat.Csv : ResultFormat.Json), context.RequestAborted);
    }

    /// <summary>
    /// 400 when SQL is longer than <see cref="WebHostSettings.MaxQueryLength"/>, before anything parses it; saved queries
    /// are held to the same. Null when it is not.
    /// </summary>
    public static IResult? TooLong(string? sql, WebHostSettings settings) =>
        sql?.Length > settings.MaxQueryLength
            ? Problems.Result(StatusCodes.Status400BadRequest, "The query is too long", string.Create(
                CultureInfo.InvariantCulture,
                $"the query has {sql.Length:N0} characters; the most is {settings.MaxQueryLength:N0}: shorten it, or filter in SQL rather than list values"))
            : null;

    private static IResult? FormatProblem(string? format) =>
        format is null || format.Equals("json", StringComparison.OrdinalIgnoreCase) || format.Equals("csv", StringComparison.OrdinalIgnoreCase)
            || format.Equals("parquet", StringComparison.OrdinalIgnoreCase)
            ? null
            : Problems.Result(StatusCodes.Status400BadRequest, "Unknown format", $"\"format\" must be json, csv or parquet, not \"{format}\"");
}

/// <summary>The body of <c>POST /api/v1/query</c>.</summary>
/// <param name="Sql">One SELECT over sessions and deployments.</param>
/// <param name="Format"><c>json</c> (default: an array of row objects), <c>csv</c> or <c>parquet</c>.</param>
internal sealed record QueryRequest(string? Sql, string? Format = null);
