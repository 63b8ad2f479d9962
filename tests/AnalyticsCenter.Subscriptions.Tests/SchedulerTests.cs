using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace AnalyticsCenter.Subscriptions.Tests;

/// <summary>
/// The scheduler sends each slot once, in the workspace's time zone across a daylight-saving change, only once a refresh
/// covers it, and again after a crash cut a delivery off.
/// </summary>
public sealed class SchedulerTests : IDisposable
{
    private static readonly DateTimeOffset s_created = new(2027, 3, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly TestStore _db = new(time: new FixedTimeProvider(s_created));
    private readonly FakeTimeProvider _time = new(s_created);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Rig Rig, Subscription Subscription)> MadridMorningsAsync(string url)
    {
        await Rig.IngestSessionsAsync(_db.Store, "2027-03-25T10:00:00Z", 1);
        await _db.Store.SetTimeZoneAsync(Rig.Acme, WorkspaceTimeZone.FromStored("Europe/Madrid"), Ct);
        var rig = new Rig(_db.Store, _db.Time, _time);
        return (rig, await rig.SubscribeAsync("SELECT count(*) AS sessions FROM sessions", "daily 08:00", ChannelKind.Webhook, url));
    }

    private async Task<IReadOnlyList<Delivery>> AtAsync(Rig rig, string now, string refreshedAsOf)
    {
        _time.SetUtcNow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        rig.SyncStoreClock();
        await _db.RefreshAsync(refreshedAsOf);
        return await rig.Scheduler.RunDueAsync(Ct);
    }

    [Fact]
    public async Task Eight_in_Madrid_is_sent_once_a_day_after_the_refresh_that_covers_it_across_the_spring_change()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var (rig, subscription) = await MadridMorningsAsync(receiver.Url);

        Assert.Empty(await AtAsync(rig, "2027-03-27T07:30:00Z", "2027-03-27T06:59:00Z"));
        var saturday = Assert.Single(await AtAsync(rig, "2027-03-27T07:31:00Z", "2027-03-27T07:00:00Z"));
        Assert.Empty(await AtAsync(rig, "2027-03-27T09:00:00Z", "2027-03-27T09:00:00Z"));
        var sunday = Assert.Single(await AtAsync(rig, "2027-03-28T06:15:00Z", "2027-03-28T06:15:00Z"));

        Assert.Equal(new DateTime(2027, 3, 27, 7, 0, 0, DateTimeKind.Utc), saturday.SlotUtc);
        Assert.Equal(new DateTime(2027, 3, 28, 6, 0, 0, DateTimeKind.Utc), sunday.SlotUtc);
        Assert.Equal(
            [$"{subscription.Id}-20270327T070000Z", $"{subscription.Id}-20270328T060000Z"],
            receiver.Received.Select(r => r.Headers[WebhookChannel.DeliveryHeader]));
        Assert.All(await _db.Store.ListDeliveriesAsync(Rig.Acme, subscription.Id, 10, Ct), d => Assert.Equal(SendStatus.Delivered, d.Status));
    }

    [Fact]
    public async Task A_delivery_cut_off_by_a_crash_is_sent_after_its_lease_and_not_before()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var (rig, subscription) = await MadridMorningsAsync(receiver.Url);
        var slot = new DateTime(2027, 3, 27, 7, 0, 0, DateTimeKind.Utc);
        _time.SetUtcNow(new DateTimeOffset(slot).AddMinutes(1));
        rig.SyncStoreClock();
        await _db.Store.TryClaimDeliveryAsync(subscription, slot, "crashed/1", _time.GetUtcNow().UtcDateTime + rig.Options.Lease, Ct);

        Assert.Empty(await AtAsync(rig, "2027-03-27T07:05:00Z", "2027-03-27T07:00:00Z"));
        Assert.Empty(receiver.Received);
        var resumed = Assert.Single(await AtAsync(rig, "2027-03-27T07:12:00Z", "2027-03-27T07:00:00Z"));

        Assert.Equal((slot, SendStatus.Delivered, 2, SubscriptionScheduler.Claimant), (resumed.SlotUtc, resumed.Status, resumed.Attempts, resumed.ClaimedBy));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task A_slot_cut_off_more_often_than_allowed_is_kept_as_failed_without_sending()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var (rig, subscription) = await MadridMorningsAsync(receiver.Url);
        var slot = new DateTime(2027, 3, 27, 7, 0, 0, DateTimeKind.Utc);
        for (var crash = 0; crash < rig.Options.MaxClaims; crash++)
        {
            _time.Advance(rig.Options.Lease + TimeSpan.FromMinutes(1));
            rig.SyncStoreClock();
            await _db.Store.TryClaimDeliveryAsync(subscription, slot, $"crashed/{crash}", _time.GetUtcNow().UtcDateTime + rig.Options.Lease, Ct);
        }

        _time.Advance(rig.Options.Lease + TimeSpan.FromMinutes(1));
        rig.SyncStoreClock();
        var given = Assert.Single(await rig.Scheduler.RunDueAsync(Ct));

        Assert.Equal(SendStatus.Failed, given.Status);
        Assert.Contains("interrupted 3 times", given.Reason, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    public void Dispose() => _db.Dispose();
}
