using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Text;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Query.Uploads;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>PUT /api/v1/tables/{name}</c> (admin): a workspace's own table from the request body (CSV, Parquet or XLSX), read as it
/// streams in and refused past the workspace's byte limit; <c>?preview=true</c> checks it and shows its inferred columns and
/// first rows without keeping it. <c>GET /api/v1/tables</c> lists them; <c>DELETE /api/v1/tables/{name}</c> deletes one;
/// <c>GET /api/v1/tables/templates/{name}.csv</c> gives the expected shape of ad_spend, audience_tags or conversions.
/// </summary>
internal static class UploadEndpoints
{
    /// <summary>Rows a preview shows.</summary>
    private const int PreviewRows = 20;

    /// <summary>The tables the reports know, each with a template to fill in (Dictionary/Templates).</summary>
    private static readonly string[] s_templates = ["ad_spend", "audience_tags", "conversions"];

    public static void Map(RouteGroupBuilder read, RouteGroupBuilder admin)
    {
        read.MapGet("/tables/templates/{name}.csv", (string name) => s_templates.Contains(name, StringComparer.Ordinal)
                ? Results.Text(EmbeddedText.Read(typeof(UploadEndpoints).Assembly, $"Dictionary/Templates/{name}.csv"), "text/csv; charset=utf-8")
                : Problems.Result(StatusCodes.Status404NotFound, "No such template", $"templates are {string.Join(", ", s_templates)}"))
            .WithSummary("A CSV template of a table the reports know: ad_spend, audience_tags or conversions");
        read.MapGet("/tables", async (HttpContext context, IWorkspaceUploads store) =>
            TypedResults.Ok((await store.ListUploadsAsync(context.User.WorkspaceOf(), context.RequestAborted)).Select(UploadView.Of)))
            .WithSummary("The workspace's uploaded tables: columns, rows, bytes, time");
        admin.MapPut("/tables/{name}", Upload)
            .WithSummary("Upload a table from the body (CSV, Parquet or XLSX): ?mode=create|replace|append, ?format=, ?type=col=decimal, ?preview=true");
        admin.MapDelete("/tables/{name}", Delete).WithSummary("Delete one of the workspace's uploaded tables");
    }

    private static async Task<IResult> Delete(HttpContext context, string name, IWorkspaceUploads store, ReportAnswers answers)
    {
        var workspace = context.User.WorkspaceOf();
        if (!await store.DeleteUploadAsync(workspace, name, context.RequestAborted))
        {
            return Problems.Result(StatusCodes.Status404NotFound, "No such table", $"this workspace has no uploaded table \"{name}\"");
        }

        answers.RenewOnceAnswered(context, workspace);
        return await context.Audited(Results.NoContent(), AuditAction.UploadDeleted, objectName: name);
    }

    private static async Task<IResult> Upload(HttpContext context, string name, IWorkspaceUploads store, WebHostSettings settings, ReportAnswers answers)
    {
        var limits = settings.Uploads;
        if (context.Request.ContentLength > limits.MaxBytesPerWorkspace)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, "File too large",
                $"an upload may be at most {limits.MaxBytesPerWorkspace:N0} bytes (the workspace's limit)");
        }

        var query = context.Request.Query;
        try
        {
            var mode = (string?)query["mode"] switch
            {
                null or "" or "create" => UploadMode.Create,
                "replace" => UploadMode.Replace,
                "append" => UploadMode.Append,
                var other => throw new UploadRejectedException($"mode \"{other}\" is not create, replace or append"),
            };
            var format = UploadFormats.Parse((string?)query["format"] is { Length: > 0 } word ? word : FormatOf(context.Request.ContentType));
            var types = UploadColumnTypes.ParseOverrides(query["type"].OfType<string>());
            var table = await UploadReader.ReadAsync(context.Request.Body, format, name, types, limits, context.RequestAborted);
            if (query["preview"] == "true")
            {
                return TypedResults.Ok(new UploadPreview(
                    table.Name, [.. table.Columns.Select(ColumnView.Of)], table.Rows.Count,
                    [.. table.Rows.Take(PreviewRows).Select(row => row.Select(UploadValueText.Of).ToArray())]));
            }

            var workspace = context.User.WorkspaceOf();
            var stored = await store.UploadAsync(workspace, table, mode, limits, context.RequestAborted);
            answers.RenewOnceAnswered(context, workspace);
            await context.AuditAsync(AuditAction.UploadKept, objectName: stored.Name, detail: mode.ToString().ToLowerInvariant());
            return mode == UploadMode.Create ? Results.Created($"/api/v1/tables/{stored.Name}", UploadView.Of(stored)) : TypedResults.Ok(UploadView.Of(stored));
        }
        catch (UploadRejectedException ex)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Upload refused, nothing stored", ex.Message);
        }
    }

    /// <summary>The format a Content-Type names; CSV when it names none of the three.</summary>
    private static string FormatOf(string? contentType) => contentType switch
    {
        { } t when t.Contains("spreadsheetml", StringComparison.OrdinalIgnoreCase) => "xlsx",
        { } t when t.Contains("parquet", StringComparison.OrdinalIgnoreCase) => "parquet",
        _ => "csv",
    };
}
