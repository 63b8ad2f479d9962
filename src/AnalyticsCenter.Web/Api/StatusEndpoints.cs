using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary><c>GET /api/v1/status</c>: the caller's workspace's freshness, sizes, default time zone and retention window.</summary>
internal static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/status", async (
        HttpContext context, IWorkspaceSettings store, ScheduledRefresh schedule, WebHostSettings settings, TimeProvider time) =>
    {
        var workspace = context.User.WorkspaceOf();
        var status = (await store.GetStatusAsync(workspace, context.RequestAborted)).SingleOrDefault();
        return TypedResults.Ok(new WorkspaceFreshness(
            workspace.Value, status?.AsOfUtc, status?.RefreshedAtUtc, status?.Sessions ?? 0, status?.Deployments ?? 0,
            status?.EventsWaiting ?? 0, status?.StatusesPending ?? 0, schedule.NextAt?.UtcDateTime, settings.RefreshEvery?.ToString(),
            time.GetUtcNow().UtcDateTime, (status?.TimeZone ?? WorkspaceTimeZone.Utc).Id, (status?.Retention ?? RetentionPeriod.Default).ToString()));
    }).WithSummary("Freshness: when the data was last refreshed and as of when, the next scheduled refresh, how much there is, " +
        "and the workspace's default time zone and retention window");
}

/// <summary>
/// What <c>/api/v1/status</c> answers. <c>as_of</c> is the instant the tables describe, <c>refreshed_at</c> when that refresh
/// ran, <c>next_refresh_at</c> the schedule's next run (null when on demand only), <c>refresh_schedule</c> the schedule in words
/// (null when on demand only), and <c>server_time</c> the server's clock, so a client says "refreshed 2 minutes ago" by the
/// server's time, not its own; <c>time_zone</c> is the IANA zone reports use when not given one, and <c>retention</c> how
/// long rows are kept (<c>30d</c>).
/// </summary>
internal sealed record WorkspaceFreshness(
    string Workspace, DateTime? AsOf, DateTime? RefreshedAt, long Sessions, long Deployments, long EventsWaiting, long StatusesPending,
    DateTime? NextRefreshAt, string? RefreshSchedule, DateTime ServerTime, string TimeZone, string Retention);
