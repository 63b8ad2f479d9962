using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Delivery;

namespace AnalyticsCenter.Subscriptions.Tests;

/// <summary>
/// A subscription scheduler and an alert scheduler over a real store, with the store's clock and the scheduler's moved together, a webhook
/// channel with short backoffs, and (when given) an email channel to a loopback SMTP server.
/// </summary>
internal sealed class Rig
{
    public static readonly WorkspaceId Acme = WorkspaceId.Parse("acme");

    private readonly FixedTimeProvider _storeTime;

    public Rig(IAnalyticsStore store, FixedTimeProvider storeTime, TimeProvider time, SubscriptionOptions? options = null, LoopbackSmtpServer? smtp = null)
    {
        (Store, _storeTime, Time) = (store, storeTime, time);
        Options = options ?? new SubscriptionOptions { WebhookFirstBackoff = TimeSpan.FromMilliseconds(10), WebhookTimeout = TimeSpan.FromSeconds(5) };
        var smtpSettings = smtp is null
            ? new SmtpSettings()
            : new SmtpSettings { Host = "127.0.0.1", Port = smtp.Port, Tls = SmtpTls.None, From = "analytics@example.com" };
        Scheduler = SubscriptionScheduler.Create(store, Options, smtpSettings, Http, time);
        Alerts = AlertScheduler.Create(store, Options, smtpSettings, Http, time);
    }

    /// <summary>One client for every rig: as the web host keeps one.</summary>
    public static HttpClient Http { get; } = new();

    public IAnalyticsStore Store { get; }

    public TimeProvider Time { get; }

    public SubscriptionOptions Options { get; }

    public SubscriptionScheduler Scheduler { get; }

    public AlertScheduler Alerts { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Ingests one inbound session per phone for acme at <paramref name="at"/>.</summary>
    public static async Task IngestSessionsAsync(IAnalyticsStore store, string at, int sessions)
    {
        var lines = Enumerable.Range(0, sessions).Select(i => new EventLines(phone: $"5730012{i:D5}").Inbound(at));
        await store.IngestAsync(
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")), new IngestOptions { Source = "test.ndjson" }, Ct);
    }

    /// <summary>A subscription of acme to a saved query.</summary>
    public async Task<Subscription> SubscribeAsync(string sql, string schedule, ChannelKind channel, string target)
    {
        var saved = await Store.SaveQueryAsync(Acme, "phones", sql, Actor.Cli(null), Ct);
        return await Store.AddSubscriptionAsync(
            new NewSubscription(Acme, "morning phones", SourceKind.SavedQuery, saved.Id, "{}", schedule, channel, target), Ct);
    }

    /// <summary>
    /// An alert of acme when more than two sessions started in the hour up to the latest one: it fires on three sessions
    /// together and resolves when a later session starts alone.
    /// </summary>
    public async Task<Alert> AlertOnBusyHourAsync(string url)
    {
        var saved = await Store.SaveQueryAsync(Acme, "sessions in the last hour",
            "SELECT count(*) AS recent FROM sessions WHERE session_started_timestamp >= "
            + "(SELECT max(session_started_timestamp) FROM sessions) - INTERVAL '1 hour'", Actor.Cli(null), Ct);
        return await Store.AddAlertAsync(
            new NewAlert(Acme, "busy hour", SourceKind.SavedQuery, saved.Id, "{}", AlertOperator.Above, 2, ChannelKind.Webhook, url), Ct);
    }

    /// <summary>Sets the store's clock to the scheduler's (a FakeTimeProvider the test advances).</summary>
    public void SyncStoreClock() => _storeTime.Now = Time.GetUtcNow();
}
