using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Access;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// <c>POST /api/v1/refresh</c> (admin keys): a refresh of the key's workspace alone now, taking its turn at the store's
/// writers (<see cref="WriterQueue"/>); every other workspace keeps its tables and as-of time (refreshing them all is the schedule's and the
/// operator's). At most one a workspace per <see cref="WebHostSettings.RefreshRequestInterval"/>. Once answered, the
/// workspace's report answers people were reading are computed again on the new rows, as after a scheduled refresh.
/// </summary>
internal static class RefreshEndpoints
{
    public static void Map(RouteGroupBuilder admin, string rateLimit) => admin.MapPost("/refresh", async (
        HttpContext context, ITableRefresh store, WriterQueue writer, TimeProvider time, AnalyticsMetrics metrics, ReportAnswers answers) =>
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

        var workspace = context.User.WorkspaceOf();
        RefreshReport report;
        try
        {
            report = await metrics.TimeRefreshAsync(
                "request", time, () => store.RefreshAsync(workspace, time.GetUtcNow().UtcDateTime, CancellationToken.None), CancellationToken.None);
        }
        finally
        {
            writer.Exit();
        }

        // Outside the writer's turn.
        answers.RenewOnceAnswered(context, workspace);
        var own = report.Workspaces.FirstOrDefault(w => w.Workspace == workspace.Value);
        await context.Response.WriteAsJsonAsync(new RefreshAnswer(
            report.AsOfUtc, report.Elapsed.TotalSeconds, workspace.Value, own?.Sessions ?? 0, own?.Deployments ?? 0, own?.TimelinesRecomputed ?? 0,
            own?.FullRebuild ?? false), context.RequestAborted);
    }).RequireRateLimiting(rateLimit).WithSummary("Refresh the tables now (admin keys); answers for the key's workspace");
}

/// <summary>What <c>POST /api/v1/refresh</c> answers: the caller's workspace after the refresh.</summary>
internal sealed record RefreshAnswer(
    DateTime AsOf, double Seconds, string Workspace, long Sessions, long Deployments, long TimelinesRecomputed, bool FullRebuild);
