using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>Several small inputs (HTTP requests) prepared apart and stored in one transaction, each reported on its own.</summary>
public abstract class IngestTogetherTests(IStoreFactory stores) : StoreTests(stores)
{
    protected override StoreSetup Setup { get; } = new() { IngestBatchLines = 5_000 };
    private readonly EventLines _ana = new(phone: "573001111111");
    private readonly EventLines _ben = new(phone: "573002222222");

    private static MemoryStream Lines(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    private static IngestOptions Options(string request) => new() { Source = $"request {request}", OnlyWorkspace = WorkspaceId.Parse("acme") };

    /// <summary>A stream that fails (as a dropped connection would) once <c>limit</c> bytes have been read.</summary>
    private sealed class BreaksAfter(byte[] data, int limit) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= limit)
            {
                throw new IOException("the connection dropped");
            }

            return base.Read(buffer, offset, (int)Math.Min(count, limit - Position));
        }

        public override int Read(Span<byte> buffer)
        {
            if (Position >= limit)
            {
                throw new IOException("the connection dropped");
            }

            return base.Read(buffer[..(int)Math.Min(buffer.Length, limit - Position)]);
        }
    }

    [Fact]
    public async Task Each_input_is_reported_as_if_ingested_in_turn_and_a_repeat_in_a_later_one_is_its_duplicate()
    {
        var first = Db.Store.Prepare(
            Lines(_ana.Inbound("12:00:00", "hola", id: "a1"), "{broken", _ana.Node("12:00:05", "n_menu", id: "a2")), Options("one"));
        var second = Db.Store.Prepare(Lines(_ana.Node("12:00:05", "n_menu", id: "a2"), _ben.Inbound("12:01:00", "buenas", id: "b1")), Options("two"));

        var reports = await Db.Store.IngestTogetherAsync([first, second], TestContext.Current.CancellationToken);

        Assert.Equal((3L, 2L, 0L, 1L), (reports[0].LinesRead, reports[0].Accepted, reports[0].Duplicates, reports[0].Rejected));
        Assert.Equal((2L, 1L, 1L, 0L), (reports[1].LinesRead, reports[1].Accepted, reports[1].Duplicates, reports[1].Rejected));
        Assert.Equal(2, reports[0].FirstRejections.Single().LineNumber);

        var again = await Db.Store.IngestTogetherAsync([Db.Store.Prepare(Lines(_ben.Inbound("12:01:00", "buenas", id: "b1")), Options("three"))],
            TestContext.Current.CancellationToken);
        Assert.Equal((0L, 1L), (again[0].Accepted, again[0].Duplicates));

        await Db.RefreshAsync("13:00:00");
        Assert.Equal(["buenas", "hola"], (await Db.RowsAsync("SELECT first_message FROM sessions ORDER BY 1")).Select(r => r["first_message"]));
    }

    [Fact]
    public async Task Duplicates_are_found_whether_stored_before_the_server_knew_its_ids_in_the_same_group_or_after_a_failed_one()
    {
        // Stored by a file ingest before any group: the ids the store learns at its first group must include it.
        await Db.IngestAsync(_ana.Inbound("11:00:00", "antes", id: "old"));
        var first = await Db.Store.IngestTogetherAsync(
            [Db.Store.Prepare(Lines(_ana.Inbound("11:00:00", "antes", id: "old"), _ben.Inbound("12:00:00", "uno", id: "x"),
                _ben.Inbound("12:00:00", "uno", id: "x")), Options("one"))],
            TestContext.Current.CancellationToken);
        Assert.Equal((1L, 2L), (first[0].Accepted, first[0].Duplicates));

        // A cancelled group forgets what it learnt; its events were never stored, so they are new the next time.
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var lost = Db.Store.Prepare(Lines(_ben.Inbound("12:05:00", "dos", id: "y")), Options("two"));
        await Assert.ThrowsAsync<OperationCanceledException>(() => Db.Store.IngestTogetherAsync([lost], cancelled.Token));
        var retried = await Db.Store.IngestTogetherAsync(
            [Db.Store.Prepare(Lines(_ben.Inbound("12:05:00", "dos", id: "y"), _ben.Inbound("12:00:00", "uno", id: "x")), Options("three"))],
            TestContext.Current.CancellationToken);
        Assert.Equal((1L, 1L), (retried[0].Accepted, retried[0].Duplicates));

        Assert.Equal(3, (await Db.Store.GetStatusAsync(cancellationToken: Ct)).Sum(s => s.EventsWaiting));
        await Db.RefreshAsync("13:00:00");
        Assert.Equal(["antes", "uno"], (await Db.RowsAsync("SELECT first_message FROM sessions ORDER BY 1")).Select(r => r["first_message"]));
    }

    [Fact]
    public async Task An_event_purged_by_retention_is_new_when_it_comes_again_and_its_next_copy_a_duplicate()
    {
        await using var store = await Stores.CreateAsync(new StoreSetup { Retention = RetentionPeriod.Of(TimeSpan.FromDays(1)) });
        async Task<IngestReport> Send(string line) =>
            (await store.Store.IngestTogetherAsync([store.Store.Prepare(Lines(line), Options("again"))], Ct))[0];
        var old = _ana.Inbound("2026-11-10T12:00:00Z", "vieja", id: "old");

        Assert.Equal(1, (await Send(old)).Accepted);
        await store.RefreshAsync("2026-11-20T12:00:00Z");

        // The row its id was first stored at is gone: the full check decides, and finds nothing.
        Assert.Equal((1L, 0L), ((await Send(old)).Accepted, (await Send(_ben.Inbound("12:00:00", "nueva", id: "new"))).Duplicates));
        Assert.Equal((0L, 1L), ((await Send(old)).Accepted, (await Send(old)).Duplicates));
    }

    [Fact]
    public async Task Events_before_the_retention_window_are_counted_by_the_window_the_store_holds_at_each_group()
    {
        // As the HTTP endpoint asks: the store reads the windows with its write, so a window set between two groups counts
        // from the second on, whoever set it.
        var now = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
        async Task<IngestReport> Send(params string[] lines) =>
            (await Db.Store.IngestTogetherAsync(
                [Db.Store.Prepare(Lines(lines), Options("window") with { RetainedFrom = RetentionStarts.AsStored(now, RetentionPeriod.Default) })], Ct))[0];
        string Event(string at, string id) => _ana.Inbound(at, "hola", id: id);

        var underDefault = await Send(Event("2026-10-01T12:00:00Z", "a"), Event("2026-11-10T12:00:00Z", "b"), Event("2026-11-19T12:00:00Z", "c"));
        Assert.Equal((3L, 1L), (underDefault.Accepted, underDefault.BeforeRetention));

        await Db.Store.SetRetentionAsync(WorkspaceId.Parse("acme"), RetentionPeriod.Of(TimeSpan.FromDays(7)), Ct);
        var underOwn = await Send(Event("2026-10-01T12:00:00Z", "a"), Event("2026-11-10T12:00:00Z", "b"), Event("2026-11-19T12:00:00Z", "d"));
        Assert.Equal((1L, 2L, 2L), (underOwn.Accepted, underOwn.Duplicates, underOwn.BeforeRetention));
    }

    [Fact]
    public async Task A_cancelled_group_stores_none_of_its_inputs()
    {
        var input = Db.Store.Prepare(Lines(_ana.Inbound("12:00:00", "hola")), Options("one"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAsync<OperationCanceledException>(() => Db.Store.IngestTogetherAsync([input], cancelled.Token));

        Assert.Equal(0, (await Db.Store.GetStatusAsync(cancellationToken: Ct)).Sum(s => s.EventsWaiting));
    }

    [Fact]
    public async Task A_timeline_first_seen_in_an_ingest_that_failed_is_stored_when_its_events_come_again()
    {
        // The store keeps timeline ids between ingests; an ingest that fails after giving a new timeline an id rolls the
        // id back, and the next ingest must not trust it.
        await Db.IngestAsync(_ana.Inbound("11:00:00", "primero"));
        var failing = new StringBuilder();
        failing.Append(_ben.Inbound("12:00:00", "perdido")).Append('\n');
        for (var i = 0; i < 4_200; i++)
        {
            failing.Append(_ana.Node("11:00:01", "n_menu")).Append('\n');
        }

        // The first chunk of 4,096 lines (the new timeline among them) is appended; the input breaks in the second.
        var bytes = Encoding.UTF8.GetBytes(failing.ToString());
        var breakAt = bytes.Index().Where(b => b.Item == (byte)'\n').Skip(4_150).First().Index;
        using (var broken = new BreaksAfter(bytes, breakAt))
        {
            await Assert.ThrowsAsync<IOException>(() => Db.Store.IngestAsync(broken, new IngestOptions { Source = "broken.ndjson" }, Ct));
        }

        await Db.IngestAsync(_ben.Inbound("12:00:00", "otra vez"));
        await Db.RefreshAsync("13:00:00");

        Assert.Equal(["otra vez", "primero"], (await Db.RowsAsync("SELECT first_message FROM sessions ORDER BY 1")).Select(r => r["first_message"]));
    }
}
