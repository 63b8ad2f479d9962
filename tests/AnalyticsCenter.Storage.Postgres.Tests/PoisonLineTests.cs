using System.Text;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// PostgreSQL text cannot hold NUL: a line holding one is still kept (NUL shown as U+2400 in raw and reason, the exact
/// bytes in raw_bytes), and an event whose id holds one is rejected in words, not the batch around it.
/// </summary>
public sealed class PoisonLineTests(PostgresServer server) : IAsyncLifetime
{
    private readonly EventLines _acme = new();
    private PgTestStore _store = null!;

    public async ValueTask InitializeAsync() => _store = await PgTestStore.CreateAsync(server);

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task A_line_holding_a_nul_byte_is_kept_with_the_nul_shown_and_its_exact_bytes_beside_it()
    {
        var poison = """{"event_id":"p1","type":"node.reached","node_id":"n""" + "\0" + "\"}";

        var report = await _store.IngestAsync(_acme.Inbound("12:00:00", "hola", id: "g1"), poison, _acme.Node("12:01:00", "n_menu", id: "g2"));

        Assert.Equal((3L, 2L, 1L), (report.LinesRead, report.Accepted, report.Rejected));
        var (line, reason, raw) = Assert.Single(await _store.RejectionsAsync());
        Assert.Equal((2L, "invalid JSON"), (line, reason[.."invalid JSON".Length]));
        Assert.EndsWith("\"node_id\":\"n\u2400\"}", raw, StringComparison.Ordinal);
        Assert.Equal([Convert.ToHexStringLower(Encoding.UTF8.GetBytes(poison))],
            await _store.RowsAsync("SELECT encode(raw_bytes, 'hex') FROM analytics.rejections WHERE @ws <> ''"));
    }

    [Fact]
    public async Task An_event_whose_id_holds_a_nul_is_rejected_in_words_and_the_events_around_it_are_stored()
    {
        var nulId = _acme.Node("12:00:30", "n_x", id: "badNULid").Replace("NUL", "\\u0000", StringComparison.Ordinal);

        var report = await _store.IngestAsync(_acme.Inbound("12:00:00", "hola", id: "g1"), nulId, _acme.Node("12:01:00", "n_menu", id: "g2"));

        Assert.Equal((3L, 2L, 1L), (report.LinesRead, report.Accepted, report.Rejected));
        var (line, reason, raw) = Assert.Single(await _store.RejectionsAsync());
        Assert.Equal((2L, "an id holds a NUL character (U+0000), which PostgreSQL cannot store"), (line, reason));
        Assert.Contains("bad\\u0000id", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_holding_a_nul_character_is_stored_and_its_session_shows_it()
    {
        await _store.IngestAsync(_acme.Inbound("12:00:00", "a\u0000b", id: "g1"));
        await _store.RefreshAsync("13:00:00");

        Assert.Equal(["a\u2400b"], await _store.RowsAsync("SELECT first_message FROM analytics.sessions WHERE workspace_id = @ws"));
    }
}
