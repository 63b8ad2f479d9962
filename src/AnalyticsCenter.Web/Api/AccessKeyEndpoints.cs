using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary><c>/api/v1/keys</c> (admin): the workspace's API keys, managed while serving: list, create (the key shown once), revoke.</summary>
internal static class AccessKeyEndpoints
{
    private const string Example = """{"name": "loader", "scope": "ingest"}""";

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/keys", async (HttpContext context, IAccessKeys keys) =>
            TypedResults.Ok((await keys.ListKeysAsync(context.User.WorkspaceOf(), context.RequestAborted)).Select(KeyView.Of)))
            .WithSummary("The workspace's API keys, revoked ones included; never their secrets");
        admin.MapPost("/keys", async (HttpContext context, IAccessKeys keys) =>
        {
            var (request, problem) = await JsonBody.ReadAsync<CreateKeyRequest>(context, Example);
            if (request is null)
            {
                return problem!;
            }

            if (AccessNames.Scope(request.Scope ?? "read") is not { } scope)
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Unknown scope", $"\"{request.Scope}\" is not read, ingest or admin");
            }

            var name = string.IsNullOrWhiteSpace(request.Name) ? "key" : request.Name.Trim();
            var created = await keys.CreateKeyAsync(context.User.WorkspaceOf(), name, scope, context.RequestAborted);
            await context.AuditAsync(AuditAction.ApiKeyCreated, created.Info.KeyId, name, scope.ToString().ToLowerInvariant());
            return Results.Created($"/api/v1/keys/{created.Info.KeyId}", new CreatedKeyView(KeyView.Of(created.Info), created.Key));
        }).Accepts<CreateKeyRequest>("application/json")
            .WithSummary("Create an API key (scope read, ingest or admin); the answer holds the key, once");
        admin.MapDelete("/keys/{id}", async (HttpContext context, string id, IAccessKeys keys) =>
        {
            // Another workspace's key is answered as one that does not exist.
            var own = (await keys.ListKeysAsync(context.User.WorkspaceOf(), context.RequestAborted)).Any(k => k.KeyId == id);
            return own && await keys.RevokeKeyAsync(id, context.RequestAborted)
                ? await context.Audited(Results.NoContent(), AuditAction.ApiKeyRevoked, id)
                : Problems.Result(StatusCodes.Status404NotFound, "No such key", $"this workspace has no active key {id}");
        }).WithSummary("Revoke one of the workspace's keys: it stops authenticating at once, and its web sign-ins end");
    }
}

/// <summary>What <c>POST /api/v1/keys</c> takes.</summary>
internal sealed record CreateKeyRequest(string? Name, string? Scope);

/// <summary>An API key as the API shows it: never its secret.</summary>
internal sealed record KeyView(string Id, string Name, string Scope, string? Role, DateTime CreatedAt, DateTime? RevokedAt)
{
    public static KeyView Of(ApiKeyInfo key) =>
        new(key.KeyId, key.Name, AccessNames.Of(key.Scope), key.Role is { } role ? AccessNames.Of(role) : null, key.CreatedAtUtc, key.RevokedAtUtc);
}

/// <summary>A key just created: <c>key</c> is never shown again.</summary>
internal sealed record CreatedKeyView(KeyView Info, string Key);
