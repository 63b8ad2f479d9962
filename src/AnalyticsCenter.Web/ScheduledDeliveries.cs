using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Subscriptions;

namespace AnalyticsCenter.Web;

/// <summary>
/// Runs the subscription scheduler every <see cref="SubscriptionOptions.CheckEvery"/>: each due slot whose workspace a
/// refresh covers is sent by whichever server claims it first. Every server on a store runs this; the store's claims
/// keep each slot to one delivery. Then it checks the alerts whose workspace was refreshed since their last check, each
/// check recorded (and a transition notified) by one server.
/// </summary>
internal sealed partial class ScheduledDeliveries(
    SubscriptionScheduler scheduler, AlertScheduler alerts, SubscriptionOptions options, TimeProvider time, ILogger<ScheduledDeliveries> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckEvery, time);
        do
        {
            try
            {
                foreach (var delivery in await scheduler.RunDueAsync(stoppingToken))
                {
                    if (delivery.Status == SendStatus.Delivered)
                    {
                        LogDelivered(delivery.SubscriptionId, delivery.SlotUtc);
                    }
                    else
                    {
                        LogFailed(delivery.SubscriptionId, delivery.SlotUtc, delivery.Reason);
                    }
                }

                foreach (var check in await alerts.RunDueAsync(stoppingToken))
                {
                    if (check.Problem is { } problem)
                    {
                        LogAlertProblem(check.Alert.Id, check.AsOfUtc, problem);
                    }
                    else if (check.Transition is { } transition)
                    {
                        LogAlertNotified(check.Alert.Id, transition.Word, transition.Status, transition.Reason);
                    }
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Cut short by the stop, the store perhaps already closed: what was claimed is claimed again later.
                return;
            }
            catch (StoreUnavailableException ex)
            {
                // Nothing claimed, nothing lost: the next check tries again.
                LogUnavailable(ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing check must not stop the server (a background service's exception ends the host): a slot claimed
                // and left unfinished is claimed again when its lease runs out.
                LogCheckFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "subscription {Subscription} delivered its slot {Slot:o}")]
    private partial void LogDelivered(string subscription, DateTime slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "subscription {Subscription} failed its slot {Slot:o}: {Reason}")]
    private partial void LogFailed(string subscription, DateTime slot, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "alert {Alert} is {Word}: notification {Status} {Reason}")]
    private partial void LogAlertNotified(string alert, string word, SendStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "alert {Alert} could not be checked as of {AsOf:o}: {Problem}")]
    private partial void LogAlertProblem(string alert, DateTime asOf, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "subscriptions wait for the store")]
    private partial void LogUnavailable(Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "checking subscriptions failed; the next check tries again")]
    private partial void LogCheckFailed(Exception error);
}
