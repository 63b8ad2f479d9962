using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>A workspace's settings in a real store: the inactivity timeout and the default time zone, each set alone.</summary>
public abstract class WorkspaceSettingsTests(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceTimeZone s_madrid = Zone("Europe/Madrid");

    private static WorkspaceTimeZone Zone(string id) => WorkspaceTimeZone.TryParse(id, out var zone) ? zone : throw new ArgumentException(id);

    private async Task<WorkspaceStatus> AcmeAsync() => Assert.Single(await Db.Store.GetStatusAsync(s_acme));

    [Fact]
    public async Task A_workspace_never_configured_has_the_default_timeout_and_utc()
    {
        await Db.IngestAsync(new EventLines().Inbound("12:00:00"));
        Assert.Equal(InactivityTimeout.Default, (await AcmeAsync()).InactivityTimeout);
        Assert.Equal(WorkspaceTimeZone.Utc, (await AcmeAsync()).TimeZone);
        Assert.Equal(WorkspaceTimeZone.Utc, await Db.Store.GetTimeZoneAsync(s_acme, Ct));
    }

    [Fact]
    public async Task A_set_time_zone_is_read_back_and_survives_reopening()
    {
        await Db.Store.SetTimeZoneAsync(s_acme, s_madrid, Ct);
        await Db.ReopenAsync();
        Assert.Equal(s_madrid, (await AcmeAsync()).TimeZone);
        Assert.Equal(s_madrid, await Db.Store.GetTimeZoneAsync(s_acme, Ct));
        Assert.Equal(WorkspaceTimeZone.Utc, await Db.Store.GetTimeZoneAsync(WorkspaceId.Parse("globex"), Ct));
    }

    [Fact]
    public async Task Setting_the_time_zone_keeps_the_timeout_and_setting_the_timeout_keeps_the_time_zone()
    {
        var quarterHour = InactivityTimeout.Of(TimeSpan.FromMinutes(15));
        await Db.Store.SetInactivityTimeoutAsync(s_acme, quarterHour, Ct);
        await Db.Store.SetTimeZoneAsync(s_acme, s_madrid, Ct);
        Assert.Equal((quarterHour, s_madrid), ((await AcmeAsync()).InactivityTimeout, (await AcmeAsync()).TimeZone));

        await Db.Store.SetInactivityTimeoutAsync(s_acme, InactivityTimeout.None, Ct);
        Assert.Equal((InactivityTimeout.None, s_madrid), ((await AcmeAsync()).InactivityTimeout, (await AcmeAsync()).TimeZone));

        await Db.Store.SetTimeZoneAsync(s_acme, Zone("America/Bogota"), Ct);
        Assert.Equal((InactivityTimeout.None, Zone("America/Bogota")), ((await AcmeAsync()).InactivityTimeout, (await AcmeAsync()).TimeZone));
    }

    [Fact]
    public async Task Setting_only_the_time_zone_leaves_sessions_ending_after_the_default_hour()
    {
        // A settings row's empty timeout means "none": the time zone's row must spell the default out.
        await Db.Store.SetTimeZoneAsync(s_acme, s_madrid, Ct);
        await Db.IngestAsync(new EventLines().Inbound("12:00:00"));
        await Db.RefreshAsync("14:00:00");
        Assert.Equal(InactivityTimeout.Default, (await AcmeAsync()).InactivityTimeout);
        Assert.Equal(
            EventLines.Utc("13:00:00"), Assert.Single(await Db.RowsAsync("SELECT session_finished_timestamp FROM sessions"))["session_finished_timestamp"]);
    }
}
