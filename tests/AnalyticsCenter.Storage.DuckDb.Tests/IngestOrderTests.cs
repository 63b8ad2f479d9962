using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>DuckDB's ingest remembers stored ids by hash: a store written before it kept hashes still knows its events.</summary>
public sealed class IngestOrderTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestStore _store = new(new DuckDbStoreOptions { IngestBatchLines = 3_000 });

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Events_stored_before_id_hashes_were_kept_are_still_known_to_a_new_writer()
    {
        var ana = new EventLines(phone: "573009999999");
        await _store.IngestAsync(ana.Inbound("09:00:00", "hola", id: "early"), ana.Node("09:00:05", "n_menu", id: "early-node"));
        _store.Store.Dispose();
        using (var connection = new DuckDBConnection($"Data Source={_store.DatabasePath}"))
        {
            connection.Open();
            using var forget = connection.CreateCommand();
            forget.CommandText = "UPDATE ac.events SET id_hash = NULL";
            Assert.Equal(2, forget.ExecuteNonQuery());
        }

        _store.Reopen();
        var again = await _store.IngestAsync(ana.Inbound("09:00:00", "hola", id: "early"), ana.Inbound("09:01:00", "nuevo", id: "late"));

        Assert.Equal((1L, 1L), (again.Accepted, again.Duplicates));
    }
}
