using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Web.Api;

namespace AnalyticsCenter.Web;

/// <summary>
/// Refreshes the tables every <see cref="WebHostSettings.RefreshEvery"/>, aligned to the clock in UTC, as of the exact
/// boundary instant. It takes its turn at the single writer like ingest and on-demand refreshes, so two never run at once.
/// </summary>
internal sealed partial class ScheduledRefresh(
    IAnalyticsStore store, WriterQueue writer, WebHostSettings settings, TimeProvider time, ILogger<ScheduledRefresh> log) : BackgroundService
{
    /// <summary>When the next scheduled refresh runs; null when refreshes are on demand only.</summary>
    public DateTimeOffset? NextAt { get; private set; }

    /// <summary>The next boundary after <paramref name="now"/>: multiples of <paramref name="every"/> from midnight UTC.</summary>
    public static DateTimeOffset NextBoundary(DateTimeOffset now, TimeSpan every)
    {
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var slots = ((now - midnight).Ticks / every.Ticks) + 1;
        return midnight + TimeSpan.FromTicks(every.Ticks * slots);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.RefreshEvery is not { } every)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = NextBoundary(time.GetUtcNow(), every);
            NextAt = next;
            try
            {
                await Task.Delay(next - time.GetUtcNow(), time, stoppingToken);
                await writer.EnterAsync(stoppingToken, wait: true);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var report = await Task.Run(() => store.Refresh(next.UtcDateTime, stoppingToken), stoppingToken);
                LogRefreshed(report.AsOfUtc, report.Elapsed.TotalSeconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed refresh leaves the previous tables; the next slot tries again.
                LogFailed(ex, next);
            }
            finally
            {
                writer.Exit();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled refresh as of {AsOf:o} took {Seconds:0.00} s")]
    private partial void LogRefreshed(DateTime asOf, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "scheduled refresh as of {AsOf:o} failed; the previous tables stay")]
    private partial void LogFailed(Exception error, DateTimeOffset asOf);
}
