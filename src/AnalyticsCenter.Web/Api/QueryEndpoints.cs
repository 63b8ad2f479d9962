using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary><c>POST /api/v1/query</c>: one read-only SELECT as the caller's workspace, streamed as JSON or CSV, or as a Parquet file.</summary>
internal static class QueryEndpoints
{
    private static readonly Dictionary<string, object?> s_noParameters = [];

    public static void Map(RouteGroupBuilder api) => api.MapPost("/query", async (HttpContext context, QueryRequest request, IAnalyticsStore store) =>
    {
        if (string.IsNullOrWhiteSpace(request.Sql))
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "The query is empty", "send {\"sql\": \"SELECT ...\"}");
            return;
        }

        if (string.Equals(request.Format, "parquet", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = ParquetFile.ContentType;
            context.Response.Headers.ContentDisposition = "attachment; filename=\"query.parquet\"";
            await store.ExportParquetAsync(
                context.User.WorkspaceOf(), request.Sql, s_noParameters, context.Response.Body, cancellationToken: context.RequestAborted);
            return;
        }

        var csv = string.Equals(request.Format, "csv", StringComparison.OrdinalIgnoreCase);
        await store.QueryAsync(context.User.WorkspaceOf(), request.Sql,
            reader => StreamedRows.WriteAsync(context, reader, csv ? ResultFormat.Csv : ResultFormat.Json), context.RequestAborted);
    }).WithSummary("Run one read-only SELECT over sessions and deployments");
}

/// <summary>The body of <c>POST /api/v1/query</c>.</summary>
/// <param name="Sql">One SELECT over sessions and deployments.</param>
/// <param name="Format"><c>json</c> (default: an array of row objects), <c>csv</c> or <c>parquet</c>.</param>
internal sealed record QueryRequest(string Sql, string? Format = null);
