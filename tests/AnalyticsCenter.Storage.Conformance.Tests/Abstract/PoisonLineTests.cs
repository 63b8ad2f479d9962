using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// A line no string can hold, not UTF-8, or holding NUL rejects only itself: the lines around it are stored, and it is
/// kept in the rejections with its reason and its raw text, whether it came in a file or in a group of requests.
/// </summary>
public abstract class PoisonLineTests(IStoreFactory stores) : StoreTests(stores)
{
    private readonly EventLines _acme = new();

    public static TheoryData<string, byte[], string, string> Poisons => new()
    {
        { "a cut emoji", Utf8("""{"event_id":"p1","type":"node.reached","occurred_at":"2026-11-20T12:00:30Z","workspace_id":"acme","line":""" +
            """{"number":"5215550001111"},"user":{"phone":"573001234567"},"node_id":"n\ud83d"}"""),
            "node_id is not valid Unicode", "\"node_id\":\"n\\ud83d\"}" },
        { "a low half alone", Utf8("""{"event_id":"p1","type":"message.inbound","occurred_at":"2026-11-20T12:00:30Z","workspace_id":"acme","line":""" +
            """{"number":"5215550001111"},"user":{"phone":"573001234567"},"message":{"kind":"text","text":"\udc00"}}"""),
            "message.text is not valid Unicode", "\"text\":\"\\udc00\"}}" },
        { "a byte that is not UTF-8", [.. Utf8("""{"event_id":"p1","type":"node.reached","node_id":"n"""), 0xFF, .. Utf8("\"}")],
            "invalid JSON", "\"node_id\":\"n\uFFFD\"}" },
        { "a NUL byte", [.. Utf8("""{"event_id":"p1","type":"node.reached","node_id":"n"""), 0x00, .. Utf8("\"}")],
            "invalid JSON", "\"node_id\":\"n\0\"}" },
    };

    /// <summary>Text as the store keeps it: where a store cannot hold a character, its subclass says how it shows it.</summary>
    protected virtual string Kept(string text) => text;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Ndjson(params byte[][] lines) => [.. lines.SelectMany(line => line.Append((byte)'\n'))];

    private static IngestOptions Options(string request) => new() { Source = $"request {request}", OnlyWorkspace = WorkspaceId.Parse("acme") };

    /// <summary>How many of <paramref name="lines"/> the store already holds: ingested again, they are duplicates.</summary>
    private async Task<long> StoredAgainAsync(params string[] lines) => (await Db.IngestAsync(lines)).Duplicates;

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task A_poison_line_in_a_file_is_kept_as_a_rejection_and_the_lines_around_it_are_stored(
        string what, byte[] poison, string category, string rawTail)
    {
        var file = Ndjson(Utf8(_acme.Inbound("12:00:00", "hola", id: "g1")), poison, Utf8(_acme.Node("12:01:00", "n_menu", id: "g2")));

        var report = await Db.Store.IngestAsync(new MemoryStream(file), new IngestOptions { Source = "poison.ndjson" }, Ct);

        Assert.Equal((3L, 2L, 1L), (report.LinesRead, report.Accepted, report.Rejected));
        Assert.Equal(1, report.RejectedByReason[category]);
        var (line, reason, raw) = Assert.Single(await Db.RejectionsAsync());
        Assert.Equal(2, line);
        Assert.StartsWith(category, reason, StringComparison.Ordinal);
        Assert.True(raw!.EndsWith(Kept(rawTail), StringComparison.Ordinal), $"{what}: the raw text kept is {raw}");
        Assert.Equal(2, await StoredAgainAsync(_acme.Inbound("12:00:00", "hola", id: "g1"), _acme.Node("12:01:00", "n_menu", id: "g2")));
    }

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task A_poison_line_in_a_request_rejects_only_itself_and_every_request_of_its_group_is_stored(
        string what, byte[] poison, string category, string rawTail)
    {
        var first = Db.Store.Prepare(new MemoryStream(Ndjson(Utf8(_acme.Inbound("12:00:00", "hola", id: "g1")), poison)), Options("one"));
        var second = Db.Store.Prepare(new MemoryStream(Ndjson(Utf8(_acme.Node("12:01:00", "n_menu", id: "g2")))), Options("two"));

        var reports = await Db.Store.IngestTogetherAsync([first, second], TestContext.Current.CancellationToken);

        Assert.Equal((1L, 1L), (reports[0].Accepted, reports[0].Rejected));
        Assert.Equal((1L, 0L), (reports[1].Accepted, reports[1].Rejected));
        Assert.StartsWith(category, Assert.Single(reports[0].FirstRejections).Reason, StringComparison.Ordinal);
        Assert.True(Assert.Single(await Db.RejectionsAsync()).Raw!.EndsWith(Kept(rawTail), StringComparison.Ordinal), what);
        Assert.Equal(2, await StoredAgainAsync(_acme.Inbound("12:00:00", "hola", id: "g1"), _acme.Node("12:01:00", "n_menu", id: "g2")));
    }

    [Fact]
    public async Task A_reason_quoting_a_nul_character_is_kept_whole()
    {
        await Db.IngestTextAsync(_acme.Node("12:01:00", "n_menu", id: "g1").Replace("node.reached", "node\\u0000reached", StringComparison.Ordinal) + "\n");

        Assert.Equal(Kept("unknown type \"node\0reached\""), Assert.Single(await Db.RejectionsAsync()).Reason);
    }
}
