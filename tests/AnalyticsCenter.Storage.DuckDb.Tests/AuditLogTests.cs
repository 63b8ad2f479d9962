using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>
/// DuckDB's audit log in a file from before it existed: read-only it has no entries and its subscriptions no creator;
/// opened to write, it gains the log.
/// </summary>
public sealed class AuditLogTests : IDisposable
{
    private static readonly WorkspaceId s_acme = WorkspaceId.Parse("acme");

    private readonly TestStore _store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_store_from_before_the_audit_log_has_no_entries_or_creators_read_only_and_the_log_once_opened_to_write()
    {
        _store.Store.Dispose();
        using (var connection = new DuckDBConnection($"Data Source={_store.DatabasePath}"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "INSERT INTO ac.subscriptions VALUES ('0123456789abcdef', 'acme', 'daily', 1, 'delivery-rate', '{}', "
                + "'daily 08:00', 0, 'a@example.com', '', TIMESTAMP '2026-11-20 08:00:00', NULL); "
                + "DROP TABLE ac.audit_log; ALTER TABLE ac.subscriptions DROP COLUMN created_by";
            drop.ExecuteNonQuery();
        }

        using (var readOnly = DuckDbStore.Open(_store.DatabasePath, new DuckDbStoreOptions { ReadOnly = true }, _store.Time))
        {
            Assert.Empty(await readOnly.ReadAuditAsync(s_acme, null, null, 10, Ct));
            Assert.Null(Assert.Single(await readOnly.ListSubscriptionsAsync(s_acme, Ct)).Request.CreatedBy);
        }

        using var writable = DuckDbStore.Open(_store.DatabasePath, new DuckDbStoreOptions(), _store.Time);
        await writable.RecordAsync(new AuditRecord(s_acme, Actor.Cli("ops"), AuditAction.RetentionChanged, Detail: "7 days"), Ct);
        Assert.Equal("7 days", Assert.Single(await writable.ReadAuditAsync(s_acme, null, null, 10, Ct)).What.Detail);
    }
}
