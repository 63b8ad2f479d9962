using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// Alerts in a real store: kept per workspace, never checked at first; a check moves the state only from the state and
/// last check it read (compare-and-set), keeps a transition when the state changes, and none when it stays; a transition's
/// notification is its checker's claim until a lease, taken again only after the lease and never once finished.
/// </summary>
public abstract class AlertStoreTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceId s_globex = WorkspaceId.Parse("globex");
    private static readonly DateTime s_asOf = new(2026, 11, 20, 7, 0, 0, DateTimeKind.Utc);

    private static NewAlert LowRate(WorkspaceId workspace) => new(
        workspace, " low rate ", SourceKind.Report, "delivery-rate", "{}", AlertOperator.Below, 0.9, ChannelKind.Webhook, "http://127.0.0.1:9/hook",
        " delivery_rate ");

    private DateTime Lease => Db.Time.Now.UtcDateTime.AddMinutes(5);

    [Fact]
    public async Task An_alert_is_kept_trimmed_freshwith_a_webhook_secret_and_listed_for_its_workspace_after_reopening()
    {
        var added = await Db.Store.AddAlertAsync(LowRate(s_acme), Ct);
        Db.Time.Now = Db.Time.Now.AddMinutes(1);
        var email = await Db.Store.AddAlertAsync(
            new NewAlert(s_globex, "quiet", SourceKind.SavedQuery, "0123456789abcdef", "{}", AlertOperator.NoRows, 0, ChannelKind.Email, "a@example.com"), Ct);
        await Db.ReopenAsync();

        Assert.Equal(("low rate", "delivery_rate", "", 64, "", AlertState.Ok, null, null), (added.Request.Name, added.Request.Metric,
            email.Request.Metric, added.Secret.Length, email.Secret, added.State, added.LastValue, added.LastCheckedAsOfUtc));
        Assert.Equal([added], await Db.Store.ListAlertsAsync(s_acme, Ct));
        Assert.Equal([added, email], await Db.Store.ListAlertsAsync(null, Ct));
    }

    [Fact]
    public async Task A_check_wins_only_against_the_state_it_read_and_keeps_a_transition_only_when_the_state_changes()
    {
        var fresh = await Db.Store.AddAlertAsync(LowRate(s_acme), Ct);

        Assert.True(await Db.Store.TryRecordCheckAsync(fresh, s_asOf, AlertState.Firing, 0.85, "a/1", Lease, Ct));
        Assert.False(await Db.Store.TryRecordCheckAsync(fresh, s_asOf, AlertState.Firing, 0.85, "a/1", Lease, Ct));
        var firing = Assert.Single(await Db.Store.ListAlertsAsync(s_acme, Ct));
        Assert.Equal((AlertState.Firing, 0.85, s_asOf), (firing.State, firing.LastValue, firing.LastCheckedAsOfUtc));

        Assert.True(await Db.Store.TryRecordCheckAsync(firing, s_asOf.AddHours(1), AlertState.Firing, 0.8, "a/1", Lease, Ct));
        Assert.False(await Db.Store.TryRecordCheckAsync(firing, s_asOf.AddHours(2), AlertState.Ok, 0.95, "a/1", Lease, Ct));
        var stillFiring = Assert.Single(await Db.Store.ListAlertsAsync(s_acme, Ct));
        Assert.True(await Db.Store.TryRecordCheckAsync(stillFiring, s_asOf.AddHours(2), AlertState.Ok, null, "a/1", Lease, Ct));
        await Db.Store.FinishTransitionAsync(firing.Id, s_asOf, SendStatus.Delivered, null, Ct);

        var history = await Db.Store.ListAlertHistoryAsync(s_acme, firing.Id, 10, Ct);
        Assert.Equal(
            [(s_asOf.AddHours(2), AlertState.Ok, (double?)null, SendStatus.Sending), (s_asOf, AlertState.Firing, 0.85, SendStatus.Delivered)],
            history.Select(t => (t.AsOfUtc, t.State, t.Value, t.Status)));
        var resolved = Assert.Single(await Db.Store.ListAlertsAsync(s_acme, Ct));
        Assert.Equal((AlertState.Ok, null, s_asOf.AddHours(2)), (resolved.State, resolved.LastValue, resolved.LastCheckedAsOfUtc));
    }

    [Fact]
    public async Task A_notification_left_sending_is_listed_as_abandoned_and_claimed_again_only_after_its_lease_and_never_once_finished()
    {
        var alert = await Db.Store.AddAlertAsync(LowRate(s_acme), Ct);
        Assert.True(await Db.Store.TryRecordCheckAsync(alert, s_asOf, AlertState.Firing, 0.85, "crashed/1", Lease, Ct));

        Assert.Empty(await Db.Store.ListAbandonedTransitionsAsync(Db.Time.Now.UtcDateTime, Ct));
        Assert.Null(await Db.Store.TryClaimTransitionAsync(alert.Id, s_asOf, "b/2", Lease, Ct));
        Db.Time.Now = Db.Time.Now.AddMinutes(6);
        var abandoned = Assert.Single(await Db.Store.ListAbandonedTransitionsAsync(Db.Time.Now.UtcDateTime, Ct));
        var claimed = await Db.Store.TryClaimTransitionAsync(alert.Id, s_asOf, "b/2", Lease, Ct);
        var again = await Db.Store.TryClaimTransitionAsync(alert.Id, s_asOf, "c/3", Lease, Ct);

        Assert.Equal((s_asOf, AlertState.Firing, 0.85, SendStatus.Sending, 1), (abandoned.AsOfUtc, abandoned.State, abandoned.Value, abandoned.Status,
            abandoned.Attempts));
        Assert.Equal((alert.Id, s_asOf, 0.85, 2), (claimed?.AlertId, claimed?.AsOfUtc, claimed?.Value, claimed?.Attempts));
        Assert.Null(again);
        Assert.Empty(await Db.Store.ListAbandonedTransitionsAsync(Db.Time.Now.UtcDateTime, Ct));

        await Db.Store.FinishTransitionAsync(alert.Id, s_asOf, SendStatus.Delivered, null, Ct);
        Db.Time.Now = Db.Time.Now.AddMinutes(6);
        Assert.Empty(await Db.Store.ListAbandonedTransitionsAsync(Db.Time.Now.UtcDateTime, Ct));
        Assert.Null(await Db.Store.TryClaimTransitionAsync(alert.Id, s_asOf, "c/3", Lease, Ct));
        var finished = Assert.Single(await Db.Store.ListAlertHistoryAsync(s_acme, alert.Id, 10, Ct));
        Assert.Equal((SendStatus.Delivered, 2), (finished.Status, finished.Attempts));
    }

    [Fact]
    public async Task History_is_per_workspace_and_goes_with_its_alert()
    {
        var mine = await Db.Store.AddAlertAsync(LowRate(s_acme), Ct);
        var theirs = await Db.Store.AddAlertAsync(LowRate(s_globex), Ct);
        await Db.Store.TryRecordCheckAsync(mine, s_asOf, AlertState.Firing, 0.5, "a/1", Lease, Ct);
        await Db.Store.TryRecordCheckAsync(theirs, s_asOf, AlertState.Firing, 0.5, "a/1", Lease, Ct);

        Assert.False(await Db.Store.RemoveAlertAsync(s_globex, mine.Id, Ct));
        Assert.Single(await Db.Store.ListAlertHistoryAsync(s_acme, null, 10, Ct));
        Assert.True(await Db.Store.RemoveAlertAsync(s_acme, mine.Id, Ct));
        Assert.Empty(await Db.Store.ListAlertHistoryAsync(s_acme, null, 10, Ct));
        Assert.Single(await Db.Store.ListAlertHistoryAsync(s_globex, null, 10, Ct));
        Assert.Equal([theirs.Id], (await Db.Store.ListAlertsAsync(null, Ct)).Select(a => a.Id));
    }
}
