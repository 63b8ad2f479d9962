using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Storage.Postgres;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Subscriptions.Tests;

/// <summary>Two servers on one PostgreSQL database check the same alert after each refresh: each transition is notified once.</summary>
public sealed class AlertsOnTwoServersTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_servers_checking_together_notify_firing_once_and_resolved_once()
    {
        server.SkipUnlessRunning();
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        var time = new FixedTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        await using var first = await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), time, Ct);
        await using var second = await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), time, Ct);
        await using var receiver = new LoopbackWebhookReceiver([]);
        var one = new Rig(first, time, time);
        var other = new Rig(second, time, time);
        var alert = await one.AlertOnBusyHourAsync(receiver.Url);

        async Task<AlertCheck[]> RefreshedAtAsync(string asOf)
        {
            time.Now = new DateTimeOffset(EventLines.Utc(asOf).AddMinutes(1));
            await first.RefreshAsync(EventLines.Utc(asOf), Ct);
            var checks = await Task.WhenAll(one.Alerts.RunDueAsync(Ct), other.Alerts.RunDueAsync(Ct), one.Alerts.RunDueAsync(Ct));
            return [.. checks.SelectMany(c => c)];
        }

        await Rig.IngestSessionsAsync(first, "10:00:00", 3);
        var fired = Assert.Single(await RefreshedAtAsync("10:30:00"));
        var stayed = Assert.Single(await RefreshedAtAsync("11:00:00"));
        await Rig.IngestSessionsAsync(first, "13:00:00", 1);
        var resolved = Assert.Single(await RefreshedAtAsync("13:30:00"));

        Assert.Equal(AlertState.Firing, fired.Transition?.State);
        Assert.Null(stayed.Transition);
        Assert.Equal(AlertState.Ok, resolved.Transition?.State);
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(2, receiver.Received.Select(r => r.Headers[WebhookChannel.DeliveryHeader]).Distinct().Count());
        Assert.Equal(2, (await second.ListAlertHistoryAsync(Rig.Acme, alert.Id, 10, Ct)).Count);
    }
}
