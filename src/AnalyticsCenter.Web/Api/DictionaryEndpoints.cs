using System.Globalization;
using System.Text.Json.Nodes;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Text;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>GET /api/v1/dictionary</c>: the data dictionary of sessions and deployments (every column's type and meaning), as
/// the tables contract (shared/spec/tables.md) states it, embedded in the app as <c>Dictionary/tables.json</c>, followed
/// by the caller's workspace's uploaded tables with their columns (<c>"uploaded": true</c>).
/// </summary>
internal static class DictionaryEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/dictionary", async (HttpContext context, IWorkspaceUploads uploads) =>
    {
        var dictionary = JsonNode.Parse(EmbeddedText.Read(typeof(DictionaryEndpoints).Assembly, "Dictionary/tables.json"))!;
        var tables = dictionary["tables"]!.AsArray();
        foreach (var upload in await uploads.ListUploadsAsync(context.User.WorkspaceOf(), context.RequestAborted))
        {
            tables.Add(new JsonObject
            {
                ["name"] = upload.Name,
                ["description"] = string.Create(CultureInfo.InvariantCulture,
                    $"Uploaded by this workspace: {upload.Rows:N0} rows, last changed {upload.UploadedAtUtc:yyyy-MM-dd HH:mm} UTC."),
                ["uploaded"] = true,
                ["columns"] = new JsonArray([.. upload.Columns.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["type"] = UploadColumnTypes.Name(c.Type),
                    ["nullable"] = true,
                    ["meaning"] = "As uploaded.",
                })]),
            });
        }

        return TypedResults.Text(dictionary.ToJsonString(), "application/json; charset=utf-8");
    }).WithSummary("The data dictionary: each table's columns, types and meanings, the workspace's uploaded tables last");
}
