using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// Ingest on PostgreSQL: every line accepted, a duplicate or a kept rejection; the first copy of a repeated event wins;
/// small inputs stored together are reported apart; several writers at once store each event once.
/// </summary>
public sealed class IngestTests(PostgresServer server) : IAsyncLifetime
{
    private readonly EventLines _ana = new(phone: "573001111111");
    private readonly EventLines _ben = new(phone: "573002222222");
    private PgTestStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await PgTestStore.CreateAsync(server, new PostgresStoreOptions { IngestBatchLines = 3_000 });

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Accepted_plus_duplicates_plus_rejected_is_every_line_read_and_each_rejection_is_kept()
    {
        using var file = new MemoryStream();
        var summary = new DemoEventGenerator(new DemoOptions { Events = 20_000, End = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero) }).Write(file);
        file.Position = 0;

        var report = await _store.Store.IngestAsync(file, new IngestOptions { Source = "generated.ndjson" }, Ct);

        Assert.Equal((summary.Lines, summary.Events, summary.DuplicateLines, summary.BadLines),
            (report.LinesRead, report.Accepted, report.Duplicates, report.Rejected));
        Assert.True(report.Rejected > 0 && report.Duplicates > 0, "the generated file must contain bad and duplicate lines");
        Assert.Equal(report.Rejected, (await _store.RejectionsAsync()).Count);

        file.Position = 0;
        var again = await _store.Store.IngestAsync(file, new IngestOptions { Source = "generated.ndjson" }, Ct);
        Assert.Equal((0L, summary.Events + summary.DuplicateLines, summary.BadLines), (again.Accepted, again.Duplicates, again.Rejected));
    }

    [Fact]
    public async Task Across_batches_and_within_one_the_first_copy_of_a_repeated_event_is_kept()
    {
        var lines = Enumerable.Range(0, 7_000).Select(i => new EventLines(phone: $"57300{i % 2_000:D7}").Node($"10:{i / 60 % 60:D2}:{i % 60:D2}", "n_menu"))
            .ToList();
        var ana = new EventLines(phone: "573009999999");
        lines[10] = ana.Inbound("09:00:00", "primero", id: "across");
        lines[5_000] = ana.Inbound("09:00:00", "segundo", id: "across");
        lines[20] = ana.Inbound("09:30:00", "uno", id: "within");
        lines[30] = ana.Inbound("09:30:00", "dos", id: "within");
        lines[6_500] = "{not json";

        var report = await _store.IngestAsync(lines);

        Assert.Equal((7_000L, 6_997L, 2L, 1L), (report.LinesRead, report.Accepted, report.Duplicates, report.Rejected));
        Assert.Equal(6_501, Assert.Single(report.FirstRejections).LineNumber);
        await _store.RefreshAsync("12:00:00");
        Assert.Equal(["primero"], await _store.RowsAsync("SELECT first_message FROM analytics.sessions WHERE user_cellphone = '3009999999' AND @ws <> ''"));
        Assert.Equal(["uno"], await _store.RowsAsync(
            "SELECT last_message FROM analytics.sessions WHERE user_cellphone = '3009999999' AND last_message_timestamp = '2026-11-20 09:30' AND @ws <> ''"));
    }

    [Fact]
    public async Task Each_input_of_a_group_is_reported_as_if_ingested_in_turn_and_a_repeat_in_a_later_one_is_its_duplicate()
    {
        var first = _store.Store.Prepare(
            Lines(_ana.Inbound("12:00:00", "hola", id: "a1"), "{broken", _ana.Node("12:00:05", "n_menu", id: "a2")), Options("one"));
        var second = _store.Store.Prepare(Lines(_ana.Node("12:00:05", "n_menu", id: "a2"), _ben.Inbound("12:01:00", "buenas", id: "b1")), Options("two"));

        var reports = await _store.Store.IngestTogetherAsync([first, second], Ct);

        Assert.Equal((3L, 2L, 0L, 1L), (reports[0].LinesRead, reports[0].Accepted, reports[0].Duplicates, reports[0].Rejected));
        Assert.Equal((2L, 1L, 1L, 0L), (reports[1].LinesRead, reports[1].Accepted, reports[1].Duplicates, reports[1].Rejected));
        Assert.Equal(2, reports[0].FirstRejections.Single().LineNumber);
        var again = await _store.Store.IngestTogetherAsync([_store.Store.Prepare(Lines(_ben.Inbound("12:01:00", "buenas", id: "b1")), Options("three"))], Ct);
        Assert.Equal((0L, 1L), (again[0].Accepted, again[0].Duplicates));
        await _store.RefreshAsync("13:00:00");
        Assert.Equal(["buenas", "hola"], await _store.RowsAsync("SELECT first_message FROM analytics.sessions WHERE workspace_id = @ws"));
    }

    [Fact]
    public async Task A_cancelled_group_stores_none_of_its_inputs()
    {
        var input = _store.Store.Prepare(Lines(_ana.Inbound("12:00:00", "hola")), Options("one"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.Store.IngestTogetherAsync([input], cancelled.Token));

        Assert.Equal(0, (await _store.Store.GetStatusAsync(cancellationToken: Ct)).Sum(s => s.EventsWaiting));
    }

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
            "SELECT (SELECT count(*) FROM analytics.events), (SELECT count(DISTINCT seq) FROM analytics.refresh_queue), " +
            "(SELECT count(*) FROM analytics.timelines) WHERE @ws <> ''"));
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

    private static IngestOptions Options(string request) => new() { Source = $"request {request}", OnlyWorkspace = WorkspaceId.Parse("acme") };

    /// <summary>A stream that fails (as a dropped connection would) once <c>limit</c> bytes have been read.</summary>
    private sealed class BreaksAfter(byte[] data, int limit) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= limit ? throw new IOException("the connection dropped") : base.Read(buffer, offset, (int)Math.Min(count, limit - Position));

        public override int Read(Span<byte> buffer) =>
            Position >= limit ? throw new IOException("the connection dropped") : base.Read(buffer[..(int)Math.Min(buffer.Length, limit - Position)]);
    }
}
