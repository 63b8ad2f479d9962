using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Storage.Postgres;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;
using AnalyticsCenter.TestKit.Postgres;

// One PostgreSQL for the whole assembly; each test gets a database of its own.
[assembly: AssemblyFixture(typeof(PostgresServer))]

namespace AnalyticsCenter.Subscriptions.Tests;

/// <summary>Two servers on one PostgreSQL database run the same schedule at the same moment: each slot reaches the receiver once.</summary>
public sealed class TwoServersTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_servers_running_the_schedule_together_deliver_each_slot_once()
    {
        server.SkipUnlessRunning();
        await using var database = await OwnedDatabase.CreateAsync(server, Ct);
        var time = new FixedTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        await using var first = await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), time, Ct);
        await using var second = await PostgresStore.OpenAsync(database.ConnectionString, new PostgresStoreOptions(), time, Ct);
        await using var receiver = new LoopbackWebhookReceiver([]);
        await Rig.IngestSessionsAsync(first, "10:00:00", 3);
        var one = new Rig(first, time, time);
        var other = new Rig(second, time, time);
        var subscription = await one.SubscribeAsync("SELECT count(*) AS sessions FROM sessions", "0 * * * *", ChannelKind.Webhook, receiver.Url);

        for (var hour = 13; hour <= 15; hour++)
        {
            time.Now = new DateTimeOffset(2026, 11, 20, hour, 0, 30, TimeSpan.Zero);
            await first.RefreshAsync(time.Now.UtcDateTime, Ct);
            var sent = await Task.WhenAll(one.Scheduler.RunDueAsync(Ct), other.Scheduler.RunDueAsync(Ct), one.Scheduler.RunDueAsync(Ct));
            Assert.Single(sent.SelectMany(s => s));
        }

        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(3, receiver.Received.Select(r => r.Headers[WebhookChannel.DeliveryHeader]).Distinct().Count());
        var history = await second.ListDeliveriesAsync(Rig.Acme, subscription.Id, 10, Ct);
        Assert.Equal([15, 14, 13], history.Select(d => d.SlotUtc.Hour));
        Assert.All(history, d => Assert.Equal((SendStatus.Delivered, 1), (d.Status, d.Attempts)));
    }
}
