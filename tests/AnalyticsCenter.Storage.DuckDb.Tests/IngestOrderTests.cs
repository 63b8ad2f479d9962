using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>How the file ingest keeps order and knows what is stored: chunks parse on several threads, stored ids are remembered by hash.</summary>
public sealed class IngestOrderTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestStore _store = new(new DuckDbStoreOptions { IngestBatchLines = 3_000 });

    [Fact]
    public async Task Across_many_chunks_the_first_copy_of_a_repeated_event_is_kept_and_each_rejection_keeps_its_line_number()
    {
        var lines = new List<string>();
        for (var i = 0; i < 12_000; i++)
        {
            var user = new EventLines(phone: $"57300{i % 4_000:D7}");
            lines.Add(user.Node($"10:{i / 60 % 60:D2}:{i % 60:D2}", "n_menu"));
        }

        var ana = new EventLines(phone: "573009999999");
        lines[10] = ana.Inbound("09:00:00", "primero", id: "repeated");
        lines[7_000] = ana.Inbound("09:00:00", "segundo", id: "repeated");
        lines[9_500] = "{not json";

        var report = await _store.IngestAsync(lines);

        Assert.Equal((12_000L, 11_998L, 1L, 1L), (report.LinesRead, report.Accepted, report.Duplicates, report.Rejected));
        Assert.Equal(9_501, report.FirstRejections.Single().LineNumber);
        await _store.RefreshAsync("12:00:00");
        Assert.Equal("primero", (await _store.RowsAsync("SELECT first_message FROM sessions WHERE user_cellphone = '3009999999'")).Single()["first_message"]);
    }

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

    [Fact]
    public async Task A_refresh_lets_go_of_the_writers_memory_and_the_next_ingest_relearns_every_stored_id()
    {
        var ana = new EventLines(phone: "573009999999");
        await _store.IngestAsync(ana.Inbound("09:00:00", "hola", id: "before"));
        await _store.RefreshAsync("10:00:00");

        var again = await _store.IngestAsync(ana.Inbound("09:00:00", "hola", id: "before"), ana.Inbound("09:30:00", "otra vez", id: "after"));

        Assert.Equal((1L, 1L), (again.Accepted, again.Duplicates));
    }

    [Fact]
    public async Task A_cancelled_ingest_keeps_the_batches_it_committed_and_the_same_file_again_completes_it()
    {
        var lines = Enumerable.Range(0, 12_000)
            .Select(i => new EventLines(phone: $"57300{i % 4_000:D7}").Node($"10:{i / 60 % 60:D2}:{i % 60:D2}", "n_menu"))
            .ToList();
        var file = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _store.Store.IngestAsync(new CancellingStream(file, file.Length / 2, cancel), new IngestOptions { Source = "half.ndjson" }, cancel.Token));

        var again = await _store.Store.IngestAsync(new MemoryStream(file), new IngestOptions { Source = "again.ndjson" }, Ct);
        Assert.Equal(12_000, again.Accepted + again.Duplicates);
        Assert.InRange(again.Duplicates, 0, 11_999);
        Assert.Equal(12_000L, (await _store.Store.GetStatusAsync(cancellationToken: Ct)).Sum(s => s.EventsWaiting));
    }

    public void Dispose() => _store.Dispose();

    /// <summary>An input that cancels its ingest once this many bytes have been read from it.</summary>
    private sealed class CancellingStream(byte[] bytes, int cancelAt, CancellationTokenSource cancel) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= cancelAt)
            {
                cancel.Cancel();
            }

            return base.Read(buffer, offset, Math.Min(count, 4096));
        }
    }
}
