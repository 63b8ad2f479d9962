using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>A workspace's settings in a real store: the inactivity timeout and the default time zone, each set alone.</summary>
public sealed class WorkspaceSettingsTests : IDisposable
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");
    private static readonly WorkspaceTimeZone s_madrid = Zone("Europe/Madrid");
    private readonly TestStore _store = new();

    private static WorkspaceTimeZone Zone(string id) => WorkspaceTimeZone.TryParse(id, out var zone) ? zone : throw new ArgumentException(id);

    private WorkspaceStatus Acme() => Assert.Single(_store.Store.GetStatus(s_acme));

    [Fact]
    public void A_workspace_never_configured_has_the_default_timeout_and_utc()
    {
        _store.Ingest(new EventLines().Inbound("12:00:00"));
        Assert.Equal(InactivityTimeout.Default, Acme().InactivityTimeout);
        Assert.Equal(WorkspaceTimeZone.Utc, Acme().TimeZone);
        Assert.Equal(WorkspaceTimeZone.Utc, _store.Store.GetTimeZone(s_acme));
    }

    [Fact]
    public void A_set_time_zone_is_read_back_and_survives_reopening()
    {
        _store.Store.SetTimeZone(s_acme, s_madrid);
        _store.Reopen();
        Assert.Equal(s_madrid, Acme().TimeZone);
        Assert.Equal(s_madrid, _store.Store.GetTimeZone(s_acme));
        Assert.Equal(WorkspaceTimeZone.Utc, _store.Store.GetTimeZone(WorkspaceId.Parse("globex")));
    }

    [Fact]
    public void Setting_the_time_zone_keeps_the_timeout_and_setting_the_timeout_keeps_the_time_zone()
    {
        var quarterHour = InactivityTimeout.Of(TimeSpan.FromMinutes(15));
        _store.Store.SetInactivityTimeout(s_acme, quarterHour);
        _store.Store.SetTimeZone(s_acme, s_madrid);
        Assert.Equal((quarterHour, s_madrid), (Acme().InactivityTimeout, Acme().TimeZone));

        _store.Store.SetInactivityTimeout(s_acme, InactivityTimeout.None);
        Assert.Equal((InactivityTimeout.None, s_madrid), (Acme().InactivityTimeout, Acme().TimeZone));

        _store.Store.SetTimeZone(s_acme, Zone("America/Bogota"));
        Assert.Equal((InactivityTimeout.None, Zone("America/Bogota")), (Acme().InactivityTimeout, Acme().TimeZone));
    }

    [Fact]
    public void Setting_only_the_time_zone_leaves_sessions_ending_after_the_default_hour()
    {
        // A settings row's empty timeout means "none": the time zone's row must spell the default out.
        _store.Store.SetTimeZone(s_acme, s_madrid);
        _store.Ingest(new EventLines().Inbound("12:00:00"));
        _store.Refresh("14:00:00");
        Assert.Equal(InactivityTimeout.Default, Acme().InactivityTimeout);
        Assert.Equal(EventLines.Utc("13:00:00"), Assert.Single(_store.Rows("SELECT session_finished_timestamp FROM sessions"))["session_finished_timestamp"]);
    }

    [Fact]
    public void A_zone_dotnet_knows_but_duckdb_does_not_is_refused_in_words()
    {
        // Debian's tzdata has posix/ copies of every zone; DuckDB's ICU data names only the zones themselves.
        Assert.SkipUnless(WorkspaceTimeZone.TryParse("posix/Europe/Madrid", out var posix), "this machine's time zone database has no posix/ zones");
        var refusal = Assert.Throws<ArgumentException>(() => _store.Store.SetTimeZone(s_acme, posix));
        Assert.Contains("DuckDB does not know the time zone \"posix/Europe/Madrid\"", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Store.GetStatus());
    }

    [Fact]
    public void A_store_from_before_time_zones_reads_as_utc_read_only_and_gains_the_setting_when_opened_for_writing()
    {
        _store.Store.SetInactivityTimeout(s_acme, InactivityTimeout.Of(TimeSpan.FromMinutes(45)));
        _store.Store.SetTimeZone(s_acme, Zone("America/Bogota"));
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
            var status = Assert.Single(readOnly.GetStatus());
            Assert.Equal((InactivityTimeout.Of(TimeSpan.FromMinutes(45)), WorkspaceTimeZone.Utc), (status.InactivityTimeout, status.TimeZone));
            Assert.Equal(WorkspaceTimeZone.Utc, readOnly.GetTimeZone(s_acme));
        }

        _store.Reopen();
        _store.Store.SetTimeZone(s_acme, s_madrid);
        Assert.Equal((InactivityTimeout.Of(TimeSpan.FromMinutes(45)), s_madrid), (Acme().InactivityTimeout, Acme().TimeZone));
    }

    public void Dispose() => _store.Dispose();
}
