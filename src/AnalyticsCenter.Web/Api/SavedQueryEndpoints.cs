using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary><c>/api/v1/saved-queries</c>: the caller's workspace's saved queries: list, save (by name), delete.</summary>
internal static class SavedQueryEndpoints
{
    private const string Example = """{"name": "daily", "sql": "SELECT count(*) FROM sessions"}""";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/saved-queries", async (HttpContext context, ISavedQueries store) =>
            TypedResults.Ok((await store.ListSavedQueriesAsync(context.User.WorkspaceOf(), context.RequestAborted)).Select(SavedQueryView.Of)))
            .WithSummary("The workspace's saved queries, by name");
        api.MapPost("/saved-queries", async (HttpContext context, ISavedQueries store, WebHostSettings settings) =>
        {
            var (request, problem) = await JsonBody.ReadAsync<SaveQueryRequest>(context, Example);
            if (request is null)
            {
                return problem!;
            }

            if (QueryEndpoints.TooLong(request.Sql, settings) is { } tooLong)
            {
                return tooLong;
            }

            try
            {
                var workspace = context.User.WorkspaceOf();
                var existed = (await store.ListSavedQueriesAsync(workspace, context.RequestAborted)).Any(q => q.Name == request.Name?.Trim());
                var saved = await store.SaveQueryAsync(workspace, request.Name ?? "", request.Sql ?? "", context.User.ActorOf(), context.RequestAborted);
                await context.AuditAsync(existed ? AuditAction.SavedQueryChanged : AuditAction.SavedQueryCreated, saved.Id, saved.Name);
                return Results.Created($"/api/v1/saved-queries/{saved.Id}", SavedQueryView.Of(saved));
            }
            catch (ArgumentException ex)
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "The query cannot be saved", ex.Message.Split(" (Parameter", 2)[0]);
            }
        }).Accepts<SaveQueryRequest>("application/json").WithSummary("Save a query under a name (saving a name again replaces its SQL)");
        api.MapDelete("/saved-queries/{id}", async (HttpContext context, string id, ISavedQueries store) =>
            await store.DeleteSavedQueryAsync(context.User.WorkspaceOf(), id, context.RequestAborted)
                ? await context.Audited(Results.NoContent(), AuditAction.SavedQueryDeleted, id)
                : Problems.Result(StatusCodes.Status404NotFound, "No such saved query", $"this workspace has no saved query \"{id}\""))
            .WithSummary("Delete one of the workspace's saved queries");
    }
}

/// <summary>The body of <c>POST /api/v1/saved-queries</c>.</summary>
/// <param name="Name">The name to save under, unique in the workspace.</param>
/// <param name="Sql">The query's text.</param>
internal sealed record SaveQueryRequest(string? Name, string? Sql);

/// <summary>A saved query as the API shows it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name, unique in the workspace.</param>
/// <param name="Sql">Its text.</param>
/// <param name="SavedAt">When it was last saved.</param>
/// <param name="CreatedBy">Who first saved it, in words (<see cref="Actor.ToString"/>); null when not recorded.</param>
/// <param name="ChangedBy">Who last saved it, likewise.</param>
internal sealed record SavedQueryView(string Id, string Name, string Sql, DateTime SavedAt, string? CreatedBy, string? ChangedBy)
{
    public static SavedQueryView Of(SavedQuery query) =>
        new(query.Id, query.Name, query.Sql, query.SavedAtUtc, query.CreatedBy?.ToString(), query.ChangedBy?.ToString());
}
