using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Web.Api;

/// <summary><c>POST /api/v1/refresh</c> (admin keys): a refresh now, taking its turn at the store's single writer.</summary>
internal static class RefreshEndpoints
{
    public static void Map(RouteGroupBuilder admin) => admin.MapPost("/refresh", async (HttpContext context, IAnalyticsStore store, WriterQueue writer, TimeProvider time, AnalyticsMetrics metrics) =>
    {
        if (ShuttingDown.Refuses(context))
        {
            await ShuttingDown.Write(context);
            return;
        }

        if (!await writer.EnterAsync(context.RequestAborted))
        {
            context.Response.Headers.RetryAfter = "1";
            await Problems.Write(context, StatusCodes.Status429TooManyRequests, "The store is busy", "too many writes are waiting for the store; retry after a second");
            return;
        }

        RefreshReport report;
        try
        {
            report = await metrics.TimeRefreshAsync("request", time, () => store.Refresh(time.GetUtcNow().UtcDateTime, CancellationToken.None), CancellationToken.None);
        }
        finally
        {
            writer.Exit();
        }

        await context.Response.WriteAsJsonAsync(new RefreshAnswer(
            report.AsOfUtc, report.Elapsed.TotalSeconds,
            report.Workspaces.Select(w => new RefreshedWorkspace(w.Workspace, w.Sessions, w.Deployments, w.TimelinesRecomputed, w.FullRebuild)).ToList()),
            context.RequestAborted);
    }).WithSummary("Refresh both tables of every workspace now (admin keys)");
}

/// <summary>What <c>POST /api/v1/refresh</c> answers.</summary>
internal sealed record RefreshAnswer(DateTime AsOf, double Seconds, IReadOnlyList<RefreshedWorkspace> Workspaces);

/// <summary>One workspace's part of a refresh.</summary>
internal sealed record RefreshedWorkspace(string Workspace, long Sessions, long Deployments, long TimelinesRecomputed, bool FullRebuild);
