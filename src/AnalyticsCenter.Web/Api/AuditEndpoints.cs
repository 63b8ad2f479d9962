using System.Globalization;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>GET /api/v1/audit</c>: the caller's workspace's audit log, newest first, in pages (<c>limit</c>, then <c>before</c>
/// the answer's <c>next_before</c>), optionally <c>since</c> a time. Admins (and admin keys) only: the group it is mapped
/// on requires it.
/// </summary>
internal static class AuditEndpoints
{
    private const int DefaultLimit = 100;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/audit", async (HttpContext context, IAuditLog log) =>
        {
            var query = context.Request.Query;
            DateTime? since = null;
            if (query["since"].ToString() is { Length: > 0 } sinceText)
            {
                if (!Instants.TryParse(sinceText, out var parsed, out var why))
                {
                    return Problems.Result(StatusCodes.Status400BadRequest, "Not a time", $"since {why}");
                }

                since = parsed;
            }

            long? before = null;
            if (query["before"].ToString() is { Length: > 0 } beforeText)
            {
                if (!long.TryParse(beforeText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    return Problems.Result(StatusCodes.Status400BadRequest, "Not an entry id", $"before \"{beforeText}\" is not an entry id (next_before)");
                }

                before = id;
            }

            var limit = DefaultLimit;
            if (query["limit"].ToString() is { Length: > 0 } limitText
                && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > AuditEntry.MaxPage))
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Not a page size", $"limit is a whole number from 1 to {AuditEntry.MaxPage}");
            }

            var entries = await log.ReadAuditAsync(context.User.WorkspaceOf(), since, before, limit, context.RequestAborted);
            return Results.Ok(new AuditPage(entries.Select(AuditEntryView.Of).ToList(), entries.Count == limit ? entries[^1].Id : null));
        }).WithSummary("The workspace's audit log, newest first: ?limit= (1-1000, default 100), ?before= (the last page's next_before), ?since=");
}

/// <summary>A page of the audit log.</summary>
/// <param name="Entries">Newest first.</param>
/// <param name="NextBefore">Pass as <c>before</c> for the next page; null when this page was the last.</param>
internal sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, long? NextBefore);

/// <summary>An audit entry as the API shows it.</summary>
internal sealed record AuditEntryView(
    long Id, DateTime At, string Actor, ActorView By, string Action, string ObjectId, string ObjectName, string Outcome, string Detail)
{
    public static AuditEntryView Of(AuditEntry entry) => new(
        entry.Id, entry.AtUtc, entry.What.Actor.ToString(), ActorView.Of(entry.What.Actor), entry.What.Action.ToString(), entry.What.ObjectId,
        entry.What.ObjectName, entry.What.Outcome.ToString(), entry.What.Detail);
}

/// <summary>Who did something, field by field.</summary>
internal sealed record ActorView(string Kind, string Id, string Name, string? Email, string? Host)
{
    public static ActorView Of(Actor actor) => new(actor.Kind.ToString(), actor.Id, actor.Name, actor.Email, actor.Host);
}
