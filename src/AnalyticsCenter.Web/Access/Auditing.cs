using System.Security.Claims;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Embed;

namespace AnalyticsCenter.Web.Access;

/// <summary>
/// Who a request is (<see cref="ActorOf"/>), and the one call each audited action makes (<see cref="AuditAsync"/>): the
/// request's workspace and caller go into the store's audit log with what was done.
/// </summary>
internal static class Auditing
{
    /// <summary>The caller: an embedded person (as the host's token named them), a signed-in person, or a key.</summary>
    public static Actor ActorOf(this ClaimsPrincipal user)
    {
        if (user.IsEmbedded())
        {
            var host = user.FindFirstValue(EmbedSession.Host) ?? "";
            var subject = (user.FindFirstValue(WorkspaceClaims.UserId) ?? "")[$"embed:{host}:".Length..];
            return Actor.Embedded(host, subject, user.FindFirstValue(EmbedSession.Name) ?? "", user.FindFirstValue(WorkspaceClaims.Email) ?? "");
        }

        return user.FindFirstValue(WorkspaceClaims.UserId) is { } userId
            ? Actor.User(userId, user.FindFirstValue(WorkspaceClaims.Email) ?? "")
            : Actor.ApiKey(user.FindFirstValue(WorkspaceClaims.KeyId) ?? "", user.FindFirstValue(WorkspaceClaims.KeyName) ?? "");
    }

    /// <summary>
    /// Records that the caller (or <paramref name="who"/>, when the request has only just signed them in) did
    /// <paramref name="action"/> in their workspace. Not cancelled with the request: what was done stays done when the
    /// client goes away, and so does its entry.
    /// </summary>
    public static Task AuditAsync(
        this HttpContext context, AuditAction action, string objectId = "", string objectName = "", string detail = "", ClaimsPrincipal? who = null)
    {
        who ??= context.User;
        return context.RequestServices.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditRecord(who.WorkspaceOf(), who.ActorOf(), action, objectId, objectName, Detail: detail), CancellationToken.None);
    }

    /// <summary><see cref="AuditAsync"/>, then <paramref name="result"/>: for endpoints that answer in one expression.</summary>
    public static async Task<IResult> Audited(
        this HttpContext context, IResult result, AuditAction action, string objectId = "", string objectName = "", string detail = "")
    {
        await context.AuditAsync(action, objectId, objectName, detail);
        return result;
    }
}
