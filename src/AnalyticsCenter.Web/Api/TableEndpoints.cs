using System.Globalization;
using System.Text.Json.Nodes;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Query;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>GET /api/v1/tables/{table}</c>: a page of rows with filters and a cursor for the next page (keyset paging, so
/// page 1,000 costs what page 1 does); <c>GET /api/v1/exports/{table}.csv</c> and <c>.parquet</c>: every filtered row,
/// streamed with flat memory.
/// </summary>
internal static class TableEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/tables/{table}", Page).WithSummary("A page of sessions or deployments, newest first, with filters and a cursor");
        api.MapGet("/exports/{table}.csv", Export).WithSummary("Every filtered row of sessions or deployments as CSV, streamed");
        api.MapGet("/exports/{table}.parquet", ExportParquet).WithSummary("Every filtered row of sessions or deployments as one Parquet file");
    }

    private static async Task Page(HttpContext context, string table, ITenantQueries store, WebHostSettings settings)
    {
        if (await Prepare(context, table) is not var (browsed, parameters))
        {
            return;
        }

        var limit = settings.MaxPageRows;
        if (context.Request.Query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > settings.MaxPageRows))
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad limit", $"limit must be a whole number from 1 to {settings.MaxPageRows}");
            return;
        }

        (parameters["after_started"], parameters["after_id"]) = (null, null);
        if (context.Request.Query.TryGetValue("cursor", out var cursorText) && !string.IsNullOrEmpty(cursorText))
        {
            if (!PageCursor.TryDecode(cursorText, out var cursor))
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad cursor", "cursor must be a next_cursor value this API returned");
                return;
            }

            (parameters["after_started"], parameters["after_id"]) = (cursor.After, cursor.AfterId);
        }

        // One row more than the page says whether there is a next one.
        parameters["limit"] = (long)limit + 1;
        using var buffer = new MemoryStream();
        await store.QueryAsync(context.User.WorkspaceOf(), browsed.PageSql(store.Dialect), parameters,
            reader => ResultWriter.WriteAsync(reader, ResultFormat.Json, buffer, null, context.RequestAborted), context.RequestAborted);
        var rows = JsonNode.Parse(buffer.ToArray())!.AsArray();
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            var last = rows[limit - 1]!;
            var after = DateTime.Parse(last[browsed.TimeColumn]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            next = new PageCursor(after, last[browsed.IdColumn]!.GetValue<string>()).Encode();
        }

        await context.Response.WriteAsJsonAsync(
            new JsonObject { ["table"] = browsed.Name, ["rows"] = rows, ["next_cursor"] = next }, context.RequestAborted);
    }

    private static async Task Export(HttpContext context, string table, ITenantQueries store)
    {
        if (await Prepare(context, table) is not var (browsed, parameters))
        {
            return;
        }

        await store.QueryAsync(context.User.WorkspaceOf(), browsed.FilterSql(store.Dialect), parameters, reader =>
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{browsed.Name}.csv\"";
            return StreamedRows.WriteAsync(context, reader, ResultFormat.Csv);
        }, context.RequestAborted);
    }

    private static async Task ExportParquet(HttpContext context, string table, ITenantQueries store)
    {
        if (await Prepare(context, table) is not var (browsed, parameters))
        {
            return;
        }

        context.Response.ContentType = ParquetFile.ContentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{browsed.Name}.parquet\"";
        await store.ExportParquetAsync(
            context.User.WorkspaceOf(), browsed.FilterSql(store.Dialect), parameters, context.Response.Body, keepRowOrder: false, context.RequestAborted);
    }

    /// <summary>The table and its filters, or null after answering 404/400 in words.</summary>
    private static async Task<(BrowsedTable Table, Dictionary<string, object?> Parameters)?> Prepare(HttpContext context, string table)
    {
        if (BrowsedTable.Find(table) is not { } browsed)
        {
            await Problems.Write(context, StatusCodes.Status404NotFound, "No such table", $"\"{table}\" is not a table: use sessions or deployments");
            return null;
        }

        var (parameters, problem) = TableFilters.Parse(context.Request.Query);
        if (problem is not null)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad filter", problem);
            return null;
        }

        return (browsed, parameters);
    }
}
