using System.Text;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// Ingest on PostgreSQL: every line accepted, a duplicate or a kept rejection; the first copy of a repeated event wins;
/// small inputs stored together are reported apart; several writers at once store each event once; a file's batches, stored
/// while the next is copied, keep the order of its lines.
/// </summary>
public sealed class IngestTests(PostgresServer server) : IAsyncLifetime
{
    private readonly EventLines _ana = new(phone: "573001111111");
    private PgTestStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await PgTestStore.CreateAsync(server, new PostgresStoreOptions { IngestBatchLines = 3_000 });

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Two_writers_on_two_connections_sending_overlapping_events_at_once_store_each_once()
    {
        var lines = Enumerable.Range(0, 12_000)
            .Select(i => new EventLines(phone: $"57300{i % 500:D7}").Node($"10:{i / 60 % 60:D2}:{i % 60:D2}", "n_menu", $"o{i}"))
            .ToList();
        await using var other = await _store.OpenAnotherAsync();

        // Both send the middle third, in different orders; each commits batches of 3,000 lines while the other does.
        var one = lines[..8_000].OrderBy(line => line.GetHashCode(StringComparison.Ordinal)).ToList();
        var two = lines[4_000..].OrderByDescending(line => line.GetHashCode(StringComparison.Ordinal)).ToList();
        var reports = await Task.WhenAll(
            Task.Run(() => _store.IngestAsync(one), Ct),
            Task.Run(() => other.IngestAsync(Lines([.. two]), new IngestOptions { Source = "two.ndjson" }, Ct), Ct));

        Assert.Equal((12_000L, 4_000L), (reports.Sum(r => r.Accepted), reports.Sum(r => r.Duplicates)));
        Assert.Equal(["12000|12000|500"], await _store.RowsAsync(
            "SELECT (SELECT count(*) FROM analytics.events), " +
            "(SELECT count(DISTINCT seq) FROM analytics.refresh_batches, unnest(seqs) r, generate_series(lower(r), upper(r) - 1) seq), " +
            "(SELECT count(*) FROM analytics.timelines) WHERE @ws <> ''"));
    }

    [Fact]
    public async Task A_file_whose_later_batches_repeat_ids_of_earlier_ones_keeps_each_ids_first_line_and_queues_each_event_once()
    {
        // Batches of 3,000 lines alternate between two connections, each copied while the one before is stored.
        var firsts = Enumerable.Range(0, 6_000).Select(i => _ana.Node($"10:{i / 60 % 60:D2}:{i % 60:D2}", "n_first", $"r{i}"));
        var repeats = Enumerable.Range(0, 6_000).Select(i => _ana.Node($"11:{i / 60 % 60:D2}:{i % 60:D2}", "n_again", $"r{i}"));

        var report = await _store.IngestAsync([.. firsts, .. repeats]);

        Assert.Equal((6_000L, 6_000L), (report.Accepted, report.Duplicates));
        Assert.Equal(["6000|0|6000"], await _store.RowsAsync(
            "SELECT count(*), count(*) FILTER (WHERE details LIKE '%n_again%'), " +
            "(SELECT count(*) FROM analytics.refresh_batches, unnest(seqs) r, generate_series(lower(r), upper(r) - 1) seq) " +
            "FROM analytics.events WHERE @ws <> ''"));
    }

    [Fact]
    public async Task A_broken_input_keeps_the_batches_it_committed_and_the_same_input_again_completes_it()
    {
        var lines = Enumerable.Range(0, 9_000).Select(i => _ana.Node($"10:{i / 60 % 60:D2}:{i % 60:D2}", "n_menu", $"b{i}")).ToList();
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

        await Assert.ThrowsAsync<IOException>(() =>
            _store.Store.IngestAsync(new BreaksAfter(bytes, bytes.Length * 2 / 3), new IngestOptions { Source = "broken.ndjson" }, Ct));

        var again = await _store.Store.IngestAsync(new MemoryStream(bytes), new IngestOptions { Source = "again.ndjson" }, Ct);
        Assert.Equal(9_000, again.Accepted + again.Duplicates);
        Assert.InRange(again.Duplicates, 1, 8_999);
    }

    private static MemoryStream Lines(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    /// <summary>A stream that fails (as a dropped connection would) once <c>limit</c> bytes have been read.</summary>
    private sealed class BreaksAfter(byte[] data, int limit) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= limit ? throw new IOException("the connection dropped") : base.Read(buffer, offset, (int)Math.Min(count, limit - Position));

        public override int Read(Span<byte> buffer) =>
            Position >= limit ? throw new IOException("the connection dropped") : base.Read(buffer[..(int)Math.Min(buffer.Length, limit - Position)]);
    }
}
