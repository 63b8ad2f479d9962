using System.Text.Json;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;

namespace AnalyticsCenter.Subscriptions.Tests;

/// <summary>Webhooks reach a loopback receiver signed, retried on 5xx and timeouts, never on 4xx, and fail with a reason after the last try.</summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    private readonly TestStore _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Rig Rig, Subscription Subscription)> SubscribeAsync(string url, SubscriptionOptions? options = null)
    {
        await Rig.IngestSessionsAsync(_db.Store, "10:00:00", 2);
        await _db.RefreshAsync("12:00:00");
        var rig = new Rig(_db.Store, _db.Time, TimeProvider.System, options);
        return (rig, await rig.SubscribeAsync("SELECT count(*) AS sessions FROM sessions", "daily 08:00", ChannelKind.Webhook, url));
    }

    [Fact]
    public async Task Two_server_errors_are_retried_and_every_attempt_carries_the_same_key_and_a_valid_signature()
    {
        await using var receiver = new LoopbackWebhookReceiver([503, 502]);
        var (rig, subscription) = await SubscribeAsync(receiver.Url);

        var delivery = await rig.Scheduler.RunNowAsync(subscription, Ct);

        Assert.Equal(SendStatus.Delivered, delivery.Status);
        Assert.Equal([503, 502, 200], receiver.Received.Select(r => r.AnsweredStatus));
        foreach (var request in receiver.Received)
        {
            Assert.Equal(delivery.IdempotencyKey, request.Headers[WebhookChannel.DeliveryHeader]);
            Assert.True(WebhookSigner.Verify(
                subscription.Secret, request.Headers[WebhookSigner.Header], request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            Assert.False(WebhookSigner.Verify(subscription.Secret, request.Headers[WebhookSigner.Header], [.. request.Body, (byte)' '], DateTimeOffset.UtcNow,
                TimeSpan.FromMinutes(5)));
        }

        using var body = JsonDocument.Parse(receiver.Received[^1].Body);
        Assert.Equal(delivery.IdempotencyKey, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("sessions", body.RootElement.GetProperty("columns")[0].GetString());
        Assert.Equal("2", body.RootElement.GetProperty("rows")[0][0].GetString());
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_is_kept_as_failed_with_its_status()
    {
        await using var receiver = new LoopbackWebhookReceiver([400]);
        var (rig, subscription) = await SubscribeAsync(receiver.Url);

        var delivery = await rig.Scheduler.RunNowAsync(subscription, Ct);

        Assert.Single(receiver.Received);
        Assert.Equal(SendStatus.Failed, delivery.Status);
        var kept = Assert.Single(await _db.Store.ListDeliveriesAsync(Rig.Acme, subscription.Id, 10, Ct));
        Assert.Equal(SendStatus.Failed, kept.Status);
        Assert.Contains("HTTP 400", kept.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_last_attempt_the_delivery_is_failed_with_the_last_reason()
    {
        await using var receiver = new LoopbackWebhookReceiver([500, 500, 500, 500]);
        var (rig, subscription) = await SubscribeAsync(
            receiver.Url, new SubscriptionOptions { WebhookAttempts = 3, WebhookFirstBackoff = TimeSpan.FromMilliseconds(10) });

        var delivery = await rig.Scheduler.RunNowAsync(subscription, Ct);

        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(SendStatus.Failed, delivery.Status);
        Assert.Equal("HTTP 500 Internal Server Error after 3 attempts", delivery.Reason);
    }

    [Fact]
    public async Task A_receiver_that_answers_too_late_is_tried_again()
    {
        await using var receiver = new LoopbackWebhookReceiver([0], hold: TimeSpan.FromSeconds(2));
        var (rig, subscription) = await SubscribeAsync(receiver.Url, new SubscriptionOptions
        {
            WebhookTimeout = TimeSpan.FromMilliseconds(300),
            WebhookFirstBackoff = TimeSpan.FromMilliseconds(10),
        });

        var delivery = await rig.Scheduler.RunNowAsync(subscription, Ct);

        Assert.Equal(SendStatus.Delivered, delivery.Status);
        Assert.Equal("HTTP 200 on attempt 2", delivery.Reason);
    }

    [Fact]
    public void Backoff_doubles_with_at_most_as_much_again_of_jitter()
    {
        var channel = new WebhookChannel(Rig.Http, new SubscriptionOptions { WebhookFirstBackoff = TimeSpan.FromSeconds(1) }, TimeProvider.System);

        for (var retry = 1; retry <= 4; retry++)
        {
            var wait = channel.Backoff(retry);
            Assert.InRange(wait, TimeSpan.FromSeconds(Math.Pow(2, retry - 1)), TimeSpan.FromSeconds(2 * Math.Pow(2, retry - 1)));
        }
    }

    public void Dispose() => _db.Dispose();
}
