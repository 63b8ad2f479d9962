using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>POST /api/v1/refresh</c> (admin keys): a refresh now, taking its turn at the store's single writer. The store
/// refreshes in one pass over every workspace (as the schedule does), so the pass brings every workspace to the same
/// as-of time and applies retention, which it would also do at the next scheduled refresh; the answer tells the caller
/// only about its own workspace. At most one a workspace per <see cref="WebHostSettings.RefreshRequestInterval"/>.
/// </summary>
internal static class RefreshEndpoints
{
    public static void Map(RouteGroupBuilder admin, string rateLimit) => admin.MapPost("/refresh", async (
        HttpContext context, IAnalyticsStore store, WriterQueue writer, TimeProvider time, AnalyticsMetrics metrics) =>
    {
        if (ShuttingDown.Refuses(context))
        {
            await ShuttingDown.Write(context);
            return;
        }

        if (!await writer.EnterAsync(context.RequestAborted))
        {
            context.Response.Headers.RetryAfter = "1";
            await Problems.Write(context, StatusCodes.Status429TooManyRequests, "The store is busy",
                "too many writes are waiting for the store; retry after a second");
            return;
        }

        RefreshReport report;
        try
        {
            report = await metrics.TimeRefreshAsync(
                "request", time, () => store.Refresh(time.GetUtcNow().UtcDateTime, CancellationToken.None), CancellationToken.None);
        }
        finally
        {
            writer.Exit();
        }

        var workspace = context.User.WorkspaceOf().Value;
        var own = report.Workspaces.FirstOrDefault(w => w.Workspace == workspace);
        await context.Response.WriteAsJsonAsync(new RefreshAnswer(
            report.AsOfUtc, report.Elapsed.TotalSeconds, workspace, own?.Sessions ?? 0, own?.Deployments ?? 0, own?.TimelinesRecomputed ?? 0,
            own?.FullRebuild ?? false), context.RequestAborted);
    }).RequireRateLimiting(rateLimit).WithSummary("Refresh the tables now (admin keys); answers for the key's workspace");
}

/// <summary>What <c>POST /api/v1/refresh</c> answers: the caller's workspace after the refresh.</summary>
internal sealed record RefreshAnswer(
    DateTime AsOf, double Seconds, string Workspace, long Sessions, long Deployments, long TimelinesRecomputed, bool FullRebuild);
