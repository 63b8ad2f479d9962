using System.Text.Json;
using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace AnalyticsCenter.Subscriptions.Tests;

/// <summary>An alert notifies once when its condition starts to hold and once when it stops, not on every refresh in between.</summary>
public sealed class AlertSchedulerTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly TestStore _db = new(time: new FixedTimeProvider(s_start));
    private readonly FakeTimeProvider _time = new(s_start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IReadOnlyList<AlertCheck>> RefreshedAtAsync(Rig rig, string asOf)
    {
        _time.SetUtcNow(EventLines.Utc(asOf).AddMinutes(1));
        rig.SyncStoreClock();
        await _db.RefreshAsync(asOf);
        return await rig.Alerts.RunDueAsync(Ct);
    }

    [Fact]
    public async Task Crossing_the_threshold_fires_once_staying_over_says_nothing_and_recovering_resolves_once()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var rig = new Rig(_db.Store, _db.Time, _time);
        var alert = await rig.AlertOnBusyHourAsync(receiver.Url);
        await Rig.IngestSessionsAsync(_db.Store, "10:00:00", 3);

        var fired = Assert.Single(await RefreshedAtAsync(rig, "10:30:00"));
        var stayed = Assert.Single(await RefreshedAtAsync(rig, "11:00:00"));
        Assert.Empty(await rig.Alerts.RunDueAsync(Ct));
        await Rig.IngestSessionsAsync(_db.Store, "13:00:00", 1);
        var resolved = Assert.Single(await RefreshedAtAsync(rig, "13:30:00"));

        Assert.Equal((AlertState.Firing, 3.0, SendStatus.Delivered), (fired.Transition?.State, fired.Transition?.Value, fired.Transition?.Status));
        Assert.Null(stayed.Transition);
        Assert.Equal((AlertState.Ok, 1.0, SendStatus.Delivered), (resolved.Transition?.State, resolved.Transition?.Value, resolved.Transition?.Status));
        Assert.Equal(2, receiver.Received.Count);
        var bodies = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal([("firing", 3.0), ("resolved", 1.0)], bodies.Select(b => (b.GetProperty("status").GetString(), b.GetProperty("value").GetDouble())));
        Assert.All(bodies, b => Assert.Equal((alert.Id, "above", 2.0), (b.GetProperty("alert_id").GetString(), b.GetProperty("operator").GetString(),
            b.GetProperty("threshold").GetDouble())));
        // Signed at 10:31 and 13:31.
        Assert.All(receiver.Received, r => Assert.True(
            WebhookSigner.Verify(alert.Secret, r.Headers[WebhookSigner.Header], r.Body, _time.GetUtcNow(), TimeSpan.FromHours(4))));
        var history = await _db.Store.ListAlertHistoryAsync(Rig.Acme, alert.Id, 10, Ct);
        Assert.Equal([(AlertState.Ok, SendStatus.Delivered), (AlertState.Firing, SendStatus.Delivered)], history.Select(t => (t.State, t.Status)));
        var kept = Assert.Single(await _db.Store.ListAlertsAsync(Rig.Acme, Ct));
        Assert.Equal((AlertState.Ok, 1.0, EventLines.Utc("13:30:00")), (kept.State, kept.LastValue, kept.LastCheckedAsOfUtc));
    }

    [Fact]
    public async Task A_firing_email_says_firing_with_the_value_and_the_threshold()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        var rig = new Rig(_db.Store, _db.Time, _time, smtp: smtp);
        var saved = await _db.Store.SaveQueryAsync(Rig.Acme, "sessions", "SELECT count(*) AS sessions FROM sessions", Actor.Cli(null), Ct);
        var alert = await _db.Store.AddAlertAsync(
            new NewAlert(Rig.Acme, "few sessions", SourceKind.SavedQuery, saved.Id, "{}", AlertOperator.Below, 5, ChannelKind.Email, "ops@example.com"), Ct);
        await Rig.IngestSessionsAsync(_db.Store, "10:00:00", 3);

        var fired = Assert.Single(await RefreshedAtAsync(rig, "10:30:00"));

        Assert.Equal(SendStatus.Delivered, fired.Transition?.Status);
        var email = Assert.Single(smtp.Received);
        Assert.Equal("[firing] few sessions: 3 (below 5)", email.Message.Subject);
        Assert.Contains("is firing for workspace acme", email.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal($"{alert.Id}-20261120T103000Z@{EmailChannel.MessageIdDomain}", email.Message.MessageId);
    }

    public void Dispose() => _db.Dispose();
}
