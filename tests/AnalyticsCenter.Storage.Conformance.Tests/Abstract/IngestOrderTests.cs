using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>How an ingest keeps order across chunks and batches, and what a cancelled one leaves.</summary>
public abstract class IngestOrderTests(IStoreFactory stores) : StoreTests(stores)
{
    protected override StoreSetup Setup { get; } = new() { IngestBatchLines = 3_000 };

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

        var report = await Db.IngestAsync(lines);

        Assert.Equal((12_000L, 11_998L, 1L, 1L), (report.LinesRead, report.Accepted, report.Duplicates, report.Rejected));
        Assert.Equal(9_501, report.FirstRejections.Single().LineNumber);
        await Db.RefreshAsync("12:00:00");
        Assert.Equal("primero", (await Db.RowsAsync("SELECT first_message FROM sessions WHERE user_cellphone = '3009999999'")).Single()["first_message"]);
    }

    [Fact]
    public async Task A_refresh_lets_go_of_the_writers_memory_and_the_next_ingest_relearns_every_stored_id()
    {
        var ana = new EventLines(phone: "573009999999");
        await Db.IngestAsync(ana.Inbound("09:00:00", "hola", id: "before"));
        await Db.RefreshAsync("10:00:00");

        var again = await Db.IngestAsync(ana.Inbound("09:00:00", "hola", id: "before"), ana.Inbound("09:30:00", "otra vez", id: "after"));

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
            Db.Store.IngestAsync(new CancellingStream(file, file.Length / 2, cancel), new IngestOptions { Source = "half.ndjson" }, cancel.Token));

        var again = await Db.Store.IngestAsync(new MemoryStream(file), new IngestOptions { Source = "again.ndjson" }, Ct);
        Assert.Equal(12_000, again.Accepted + again.Duplicates);
        Assert.InRange(again.Duplicates, 0, 11_999);
        Assert.Equal(12_000L, (await Db.Store.GetStatusAsync(cancellationToken: Ct)).Sum(s => s.EventsWaiting));
    }
}
