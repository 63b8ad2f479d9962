using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>/api/v1/bi-access</c> (admin keys): the caller's workspace's direct database logins for BI tools: grant (the URL
/// with its password is in that answer only), list, revoke. Only a store BI tools can reach offers them; on another the
/// routes answer 501 in words.
/// </summary>
internal static class BiAccessEndpoints
{
    private const string Example = """{"name": "metabase"}""";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/bi-access", async (HttpContext context, [FromServices] IBiAccess? bi) =>
        {
            if (bi is null)
            {
                return NotOffered();
            }

            var workspace = context.User.WorkspaceOf().Value;
            var logins = await bi.ListBiAccessAsync(context.RequestAborted);
            return Results.Ok(logins.Where(login => login.Workspace == workspace).Select(BiAccessView.Of));
        }).WithSummary("The workspace's BI logins (name, role, created); never their passwords");
        api.MapPost("/bi-access", async (HttpContext context, [FromServices] IBiAccess? bi) =>
        {
            if (bi is null)
            {
                return NotOffered();
            }

            var (request, problem) = await JsonBody.ReadAsync<GrantBiAccessRequest>(context, Example);
            if (request is null)
            {
                return problem!;
            }

            var workspace = context.User.WorkspaceOf();
            var taken = (await bi.ListBiAccessAsync(context.RequestAborted)).Select(known => known.Name).ToList();
            var name = request.Name ?? BiAccessNames.Default(workspace, taken);
            if (!BiAccessNames.IsValid(name))
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "The name is malformed", BiAccessNames.Malformed(name));
            }

            if (taken.Contains(name))
            {
                return Problems.Result(StatusCodes.Status409Conflict, "The name is taken", BiAccessNames.Taken(name));
            }

            var grant = await bi.GrantBiAccessAsync(workspace, name, context.RequestAborted);
            await context.AuditAsync(AuditAction.BiAccessGranted, objectName: grant.Info.Name);
            return Results.Created($"/api/v1/bi-access/{grant.Info.Name}", GrantedBiAccessView.Of(grant));
        }).Accepts<GrantBiAccessRequest>("application/json")
            .WithSummary("Grant a BI tool a read-only database login to the workspace's sessions and deployments; the answer holds its URL, once");
        api.MapDelete("/bi-access/{name}", async (HttpContext context, string name, [FromServices] IBiAccess? bi) =>
        {
            if (bi is null)
            {
                return NotOffered();
            }

            // Another workspace's login is answered as one that does not exist: its name tells nothing about it.
            var workspace = context.User.WorkspaceOf().Value;
            var own = (await bi.ListBiAccessAsync(context.RequestAborted)).Any(login => login.Name == name && login.Workspace == workspace);
            return own && await bi.RevokeBiAccessAsync(name, context.RequestAborted)
                ? await context.Audited(Results.NoContent(), AuditAction.BiAccessRevoked, objectName: name)
                : Problems.Result(StatusCodes.Status404NotFound, "No such BI access", $"this workspace has no BI access \"{name}\"");
        }).WithSummary("Revoke one of the workspace's BI logins: it cannot connect again, and its open sessions end");
    }

    private static IResult NotOffered() => Problems.Result(StatusCodes.Status501NotImplemented, "BI access is not offered by this store",
        "BI access needs a PostgreSQL store: a DuckDB file has no network logins; serve with --db postgresql://…");
}

/// <summary>The body of <c>POST /api/v1/bi-access</c>; <c>{}</c> takes the default name.</summary>
/// <param name="Name">1 to 63 characters of <c>a-z 0-9 _ -</c>, unique in the store (default WORKSPACE-bi, made unique).</param>
internal sealed record GrantBiAccessRequest(string? Name);

/// <summary>A BI login as the API lists it.</summary>
internal sealed record BiAccessView(string Name, string Workspace, string Role, DateTime CreatedAt)
{
    public static BiAccessView Of(BiAccessInfo info) => new(info.Name, info.Workspace, info.Role, info.CreatedAtUtc);
}

/// <summary>A BI login just granted: its <c>connection_url</c> holds the password and is never shown again.</summary>
internal sealed record GrantedBiAccessView(string Name, string Workspace, string Role, DateTime CreatedAt, string ConnectionUrl)
{
    public static GrantedBiAccessView Of(BiAccessGrant grant) =>
        new(grant.Info.Name, grant.Info.Workspace, grant.Info.Role, grant.Info.CreatedAtUtc, grant.ConnectionUrl);
}
