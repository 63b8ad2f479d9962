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

    public void Dispose() => _store.Dispose();

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
}
