using System.Text.Json;
using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace AnalyticsCenter.Subscriptions.Tests;

/// <summary>
/// An alert notifies once when its condition starts to hold and once when it stops, not on every refresh in between; a
/// notification cut off by a crash is sent after its lease, once, with the same key; it watches the metric it names.
/// </summary>
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

    [Fact]
    public async Task A_notification_cut_off_by_a_crash_is_sent_after_its_lease_once_with_the_key_of_its_change()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var rig = new Rig(_db.Store, _db.Time, _time);
        var alert = await rig.AlertOnBusyHourAsync(receiver.Url);
        await Rig.IngestSessionsAsync(_db.Store, "10:00:00", 3);
        _time.SetUtcNow(EventLines.Utc("10:31:00"));
        rig.SyncStoreClock();
        await _db.RefreshAsync("10:30:00");
        // A server won the check and died before notifying.
        Assert.True(await _db.Store.TryRecordCheckAsync(
            alert, EventLines.Utc("10:30:00"), AlertState.Firing, 3, "crashed/1", _time.GetUtcNow().UtcDateTime + rig.Options.Lease, Ct));

        Assert.Empty(await rig.Alerts.RunDueAsync(Ct));
        _time.Advance(rig.Options.Lease + TimeSpan.FromMinutes(1));
        rig.SyncStoreClock();
        var resumed = Assert.Single(await rig.Alerts.RunDueAsync(Ct));
        Assert.Empty(await rig.Alerts.RunDueAsync(Ct));

        Assert.Equal((AlertState.Firing, 3.0, SendStatus.Delivered, 2), (resumed.Transition?.State, resumed.Transition?.Value, resumed.Transition?.Status,
            resumed.Transition?.Attempts));
        var received = Assert.Single(receiver.Received);
        var key = $"{alert.Id}-20261120T103000Z";
        Assert.Equal((key, key, "firing"), (JsonDocument.Parse(received.Body).RootElement.GetProperty("id").GetString(),
            received.Headers[WebhookChannel.DeliveryHeader], JsonDocument.Parse(received.Body).RootElement.GetProperty("status").GetString()));
        var kept = Assert.Single(await _db.Store.ListAlertHistoryAsync(Rig.Acme, alert.Id, 10, Ct));
        Assert.Equal((SendStatus.Delivered, 2), (kept.Status, kept.Attempts));
    }

    [Fact]
    public async Task An_alert_watches_the_numeric_column_it_names_not_the_first()
    {
        await using var receiver = new LoopbackWebhookReceiver([]);
        var rig = new Rig(_db.Store, _db.Time, _time);
        var saved = await _db.Store.SaveQueryAsync(
            Rig.Acme, "two numbers", "SELECT 'all' AS label, count(*) AS sessions, 0.5 AS share FROM sessions", Actor.Cli(null), Ct);
        await _db.Store.AddAlertAsync(new NewAlert(
            Rig.Acme, "low share", SourceKind.SavedQuery, saved.Id, "{}", AlertOperator.Below, 0.9, ChannelKind.Webhook, receiver.Url, "share"), Ct);
        await _db.Store.AddAlertAsync(new NewAlert(
            Rig.Acme, "few sessions", SourceKind.SavedQuery, saved.Id, "{}", AlertOperator.Below, 0.9, ChannelKind.Webhook, receiver.Url), Ct);
        await Rig.IngestSessionsAsync(_db.Store, "10:00:00", 3);

        var checks = await RefreshedAtAsync(rig, "10:30:00");

        // Both were added at the test clock's one instant, so the list's order between them is the ids': compare by name.
        Assert.Equal([("few sessions", AlertState.Ok, 3.0), ("low share", AlertState.Firing, 0.5)],
            (await _db.Store.ListAlertsAsync(Rig.Acme, Ct)).Select(a => (a.Request.Name, a.State, a.LastValue ?? -1)).Order());
        Assert.Equal(2, checks.Count);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task A_metric_the_report_lacks_is_refused_naming_its_numeric_columns()
    {
        var content = SubscriptionContent.Over(_db.Store, new SubscriptionOptions());
        NewAlert On(string metric) =>
            new(Rig.Acme, "rate", SourceKind.Report, "delivery-rate", "{}", AlertOperator.Below, 0.9, ChannelKind.Email, "ops@example.com", metric);

        Assert.Null(await AlertRequestCheck.ProblemAsync(On("delivery_rate"), _db.Store, content, Ct));
        Assert.Null(await AlertRequestCheck.ProblemAsync(On(""), _db.Store, content, Ct));
        Assert.Equal("\"group\" is not a numeric column of Delivery success rate: choose one of deployments, delivered, failed, in_process, delivery_rate",
            await AlertRequestCheck.ProblemAsync(On("group"), _db.Store, content, Ct));
    }

    public void Dispose() => _db.Dispose();
}
