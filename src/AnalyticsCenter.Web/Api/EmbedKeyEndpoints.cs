using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;
using AnalyticsCenter.Web.Embed;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>/api/v1/embed/keys</c> (admin): the keys host platforms sign embed tokens with, good for this workspace only: list,
/// add (the secret shown once; a host keeps two active at once, to rotate), revoke (sessions it opened end).
/// </summary>
internal static class EmbedKeyEndpoints
{
    private const string Example = """{"host": "platform"}""";

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/embed/keys", async (HttpContext context, IEmbedKeys keys) =>
            TypedResults.Ok((await keys.ListEmbedKeysAsync(context.User.WorkspaceOf(), context.RequestAborted)).Select(EmbedKeyView.Of)))
            .WithSummary("The workspace's embed keys, revoked ones included; never their secrets");
        admin.MapPost("/embed/keys", async (HttpContext context, IEmbedKeys keys, EmbedSettings settings) =>
        {
            var (request, problem) = await JsonBody.ReadAsync<AddEmbedKeyRequest>(context, Example);
            if (request is null)
            {
                return problem!;
            }

            try
            {
                var created = await keys.AddEmbedKeyAsync(request.Host ?? "", context.User.WorkspaceOf(), context.RequestAborted);
                await context.AuditAsync(AuditAction.EmbedKeyCreated, created.Key.KeyId, created.Key.Host);
                return Results.Created(
                    $"/api/v1/embed/keys/{created.Key.Host}/{created.Key.KeyId}",
                    new CreatedEmbedKeyView(EmbedKeyView.Of(created.Key), created.Secret, settings.Audience));
            }
            catch (ArgumentException ex)
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Not a host name", ex.Message.Split(" (Parameter", 2)[0]);
            }
            catch (InvalidOperationException ex)
            {
                return Problems.Result(StatusCodes.Status409Conflict, "Too many keys", ex.Message);
            }
        }).Accepts<AddEmbedKeyRequest>("application/json")
            .WithSummary("Add a key for a host platform to sign embed tokens with (HS256); the answer holds the secret, once");
        admin.MapDelete("/embed/keys/{host}/{id}", async (HttpContext context, string host, string id, IEmbedKeys keys) =>
            await keys.RevokeEmbedKeyAsync(host, id, context.User.WorkspaceOf(), context.RequestAborted)
                ? await context.Audited(Results.NoContent(), AuditAction.EmbedKeyRevoked, id, host)
                : Problems.Result(StatusCodes.Status404NotFound, "No such key", $"this workspace has no active embed key {id} for host {host}"))
            .WithSummary("Revoke an embed key: tokens it signed are refused, and the sessions they opened end");
    }
}

/// <summary>What <c>POST /api/v1/embed/keys</c> takes: the host platform's name, which its tokens carry as <c>iss</c>.</summary>
internal sealed record AddEmbedKeyRequest(string? Host);

/// <summary>An embed key as the API shows it: never its secret.</summary>
internal sealed record EmbedKeyView(string Id, string Host, string? Workspace, DateTime CreatedAt, DateTime? RevokedAt, bool Active)
{
    public static EmbedKeyView Of(EmbedKey key) => new(key.KeyId, key.Host, key.Workspace, key.CreatedAtUtc, key.RevokedAtUtc, key.IsActive);
}

/// <summary>An embed key just added: <c>secret</c> is never shown again; tokens name <c>kid</c> = the key's id and <c>aud</c> = <c>audience</c>.</summary>
internal sealed record CreatedEmbedKeyView(EmbedKeyView Key, string Secret, string Audience);
