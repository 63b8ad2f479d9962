using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>A workspace's settings in a real store: the inactivity timeout and the default time zone, each set alone.</summary>
public sealed class WorkspaceSettingsTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceTimeZone s_madrid = Zone("Europe/Madrid");
    private readonly TestStore _store = new();

    private static WorkspaceTimeZone Zone(string id) => WorkspaceTimeZone.TryParse(id, out var zone) ? zone : throw new ArgumentException(id);

    private async Task<WorkspaceStatus> AcmeAsync() => Assert.Single(await _store.Store.GetStatusAsync(s_acme));

    [Fact]
    public async Task A_workspace_never_configured_has_the_default_timeout_and_utc()
    {
        await _store.IngestAsync(new EventLines().Inbound("12:00:00"));
        Assert.Equal(InactivityTimeout.Default, (await AcmeAsync()).InactivityTimeout);
        Assert.Equal(WorkspaceTimeZone.Utc, (await AcmeAsync()).TimeZone);
        Assert.Equal(WorkspaceTimeZone.Utc, await _store.Store.GetTimeZoneAsync(s_acme, Ct));
    }

    [Fact]
    public async Task A_set_time_zone_is_read_back_and_survives_reopening()
    {
        await _store.Store.SetTimeZoneAsync(s_acme, s_madrid, Ct);
        _store.Reopen();
        Assert.Equal(s_madrid, (await AcmeAsync()).TimeZone);
        Assert.Equal(s_madrid, await _store.Store.GetTimeZoneAsync(s_acme, Ct));
        Assert.Equal(WorkspaceTimeZone.Utc, await _store.Store.GetTimeZoneAsync(WorkspaceId.Parse("globex"), Ct));
    }

    [Fact]
    public async Task Setting_the_time_zone_keeps_the_timeout_and_setting_the_timeout_keeps_the_time_zone()
    {
        var quarterHour = InactivityTimeout.Of(TimeSpan.FromMinutes(15));
        await _store.Store.SetInactivityTimeoutAsync(s_acme, quarterHour, Ct);
        await _store.Store.SetTimeZoneAsync(s_acme, s_madrid, Ct);
        Assert.Equal((quarterHour, s_madrid), ((await AcmeAsync()).InactivityTimeout, (await AcmeAsync()).TimeZone));

        await _store.Store.SetInactivityTimeoutAsync(s_acme, InactivityTimeout.None, Ct);
        Assert.Equal((InactivityTimeout.None, s_madrid), ((await AcmeAsync()).InactivityTimeout, (await AcmeAsync()).TimeZone));

        await _store.Store.SetTimeZoneAsync(s_acme, Zone("America/Bogota"), Ct);
        Assert.Equal((InactivityTimeout.None, Zone("America/Bogota")), ((await AcmeAsync()).InactivityTimeout, (await AcmeAsync()).TimeZone));
    }

    [Fact]
    public async Task Setting_only_the_time_zone_leaves_sessions_ending_after_the_default_hour()
    {
        // A settings row's empty timeout means "none": the time zone's row must spell the default out.
        await _store.Store.SetTimeZoneAsync(s_acme, s_madrid, Ct);
        await _store.IngestAsync(new EventLines().Inbound("12:00:00"));
        await _store.RefreshAsync("14:00:00");
        Assert.Equal(InactivityTimeout.Default, (await AcmeAsync()).InactivityTimeout);
        Assert.Equal(
            EventLines.Utc("13:00:00"), Assert.Single(await _store.RowsAsync("SELECT session_finished_timestamp FROM sessions"))["session_finished_timestamp"]);
    }

    [Fact]
    public async Task A_zone_dotnet_knows_but_duckdb_does_not_is_refused_in_words()
    {
        // Debian's tzdata has posix/ copies of every zone; DuckDB's ICU data names only the zones themselves.
        Assert.SkipUnless(WorkspaceTimeZone.TryParse("posix/Europe/Madrid", out var posix), "this machine's time zone database has no posix/ zones");
        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => _store.Store.SetTimeZoneAsync(s_acme, posix, Ct));
        Assert.Contains("DuckDB does not know the time zone \"posix/Europe/Madrid\"", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.Store.GetStatusAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task A_store_from_before_time_zones_reads_as_utc_read_only_and_gains_the_setting_when_opened_for_writing()
    {
        await _store.Store.SetInactivityTimeoutAsync(s_acme, InactivityTimeout.Of(TimeSpan.FromMinutes(45)), Ct);
        await _store.Store.SetTimeZoneAsync(s_acme, Zone("America/Bogota"), Ct);
        var path = _store.Store.Path;
        _store.Store.Dispose();
        using (var old = new DuckDBConnection($"Data Source={path}"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = "ALTER TABLE ac.workspaces DROP COLUMN time_zone"; // the table's shape before time zones
            command.ExecuteNonQuery();
        }

        using (var readOnly = DuckDbStore.Open(path, new DuckDbStoreOptions { ReadOnly = true }, _store.Time))
        {
            var status = Assert.Single(await readOnly.GetStatusAsync(cancellationToken: Ct));
            Assert.Equal((InactivityTimeout.Of(TimeSpan.FromMinutes(45)), WorkspaceTimeZone.Utc), (status.InactivityTimeout, status.TimeZone));
            Assert.Equal(WorkspaceTimeZone.Utc, await readOnly.GetTimeZoneAsync(s_acme, Ct));
        }

        _store.Reopen();
        await _store.Store.SetTimeZoneAsync(s_acme, s_madrid, Ct);
        Assert.Equal((InactivityTimeout.Of(TimeSpan.FromMinutes(45)), s_madrid), ((await AcmeAsync()).InactivityTimeout, (await AcmeAsync()).TimeZone));
    }

    public void Dispose() => _store.Dispose();
}
