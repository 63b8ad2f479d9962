using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Api;

namespace AnalyticsCenter.Web;

/// <summary>
/// Refreshes the tables on <see cref="WebHostSettings.RefreshEvery"/> (an interval aligned to the clock in UTC, or a cron
/// expression in UTC), as of the exact scheduled instant. It takes its turn at the store's writers like ingest and on-demand
/// refreshes: on a store one process writes, two never run at once; a store that takes several writers at once keeps each
/// workspace's refresh to one at a time itself.
/// Several servers on one store each keep the schedule, and the store's claim on each instant lets one of them refresh for it.
/// </summary>
internal sealed partial class ScheduledRefresh(
    ITableRefresh store, IRefreshClaims claims, WriterQueue writer, WebHostSettings settings, TimeProvider time, AnalyticsMetrics metrics,
    ReportAnswers answers, ILogger<ScheduledRefresh> log)
    : BackgroundService
{
    /// <summary>When the next scheduled refresh runs; null when refreshes are on demand only.</summary>
    public DateTimeOffset? NextAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.RefreshEvery is not { } schedule)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // A cron expression may name no future instant (February 30th): then refreshes are on demand only.
            if (schedule.NextAfter(time.GetUtcNow()) is not { } next)
            {
                NextAt = null;
                return;
            }

            NextAt = next;
            try
            {
                await Task.Delay(next - time.GetUtcNow(), time, stoppingToken);
                if (!await claims.TryClaimRefreshAsync(next.UtcDateTime, stoppingToken))
                {
                    LogClaimedElsewhere(next.UtcDateTime);
                    continue;
                }

                await writer.EnterAsync(stoppingToken, wait: true);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (StoreUnavailableException ex)
            {
                // No claim, no refresh: the next slot tries again.
                LogFailed(ex, next);
                continue;
            }

            RefreshReport report;
            try
            {
                report = await metrics.TimeRefreshAsync("schedule", time, () => store.RefreshAsync(next.UtcDateTime, stoppingToken), stoppingToken);
                LogRefreshed(report.AsOfUtc, report.Elapsed.TotalSeconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed refresh leaves the previous tables; the next slot tries again.
                LogFailed(ex, next);
                continue;
            }
            finally
            {
                writer.Exit();
            }

            // Outside the writer's turn: the reports people were reading, computed again on the new rows, read only.
            await answers.RenewAsync(report.Workspaces.Select(w => w.Workspace), stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled refresh as of {AsOf:o} took {Seconds:0.00} s")]
    private partial void LogRefreshed(DateTime asOf, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled refresh as of {AsOf:o} is another server's")]
    private partial void LogClaimedElsewhere(DateTime asOf);

    [LoggerMessage(Level = LogLevel.Error, Message = "scheduled refresh as of {AsOf:o} failed; the previous tables stay")]
    private partial void LogFailed(Exception error, DateTimeOffset asOf);
}
