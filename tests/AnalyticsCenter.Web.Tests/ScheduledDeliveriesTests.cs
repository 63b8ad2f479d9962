using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;
using Microsoft.Extensions.Configuration;

namespace AnalyticsCenter.Web.Tests;

/// <summary>The served host runs the subscription schedule by itself: a slot its refresh covers is delivered once, with no request.</summary>
public sealed class ScheduledDeliveriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_covered_slot_is_delivered_by_the_host_once()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var store = new TestStore();
        await store.IngestAsync(new EventLines().Inbound("10:00:00"));
        var acme = WorkspaceId.Parse("acme");
        var saved = await store.Store.SaveQueryAsync(acme, "count", "SELECT count(*) AS sessions FROM sessions", Actor.Cli(null), Ct);
        var subscription = await store.Store.AddSubscriptionAsync(
            new NewSubscription(acme, "hourly", SourceKind.SavedQuery, saved.Id, "{}", "0 * * * *", ChannelKind.Webhook, receiver.Url), Ct);
        await store.RefreshAsync(
            store.Time.Now.UtcDateTime.AddMinutes(90).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

        await using var api = await TestApi.StartAsync(store, configure: builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Subscriptions:CheckEvery"] = "00:00:00.1" }));
        await Waiting.UntilAsync(() => receiver.Received.Count > 0, () => "the host delivered nothing");

        // Several more checks run meanwhile; the slot stays delivered once.
        await Task.Delay(500, Ct);
        var request = Assert.Single(receiver.Received);
        Assert.Equal($"{subscription.Id}-20261120T190000Z", request.Headers[Subscriptions.WebhookChannel.DeliveryHeader]);
        Assert.Equal(SendStatus.Delivered, Assert.Single(await store.Store.ListDeliveriesAsync(acme, null, 10, Ct)).Status);
    }
}
