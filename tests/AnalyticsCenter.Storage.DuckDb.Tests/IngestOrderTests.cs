using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.DuckDb.Tests;

/// <summary>A file's chunks are parsed on several threads at once; what is stored still follows the file's order.</summary>
public sealed class IngestOrderTests : IDisposable
{
    private readonly TestStore _store = new(new DuckDbStoreOptions { IngestBatchLines = 3_000 });

    [Fact]
    public void Across_many_chunks_the_first_copy_of_a_repeated_event_is_kept_and_each_rejection_keeps_its_line_number()
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

        var report = _store.Ingest(lines);

        Assert.Equal((12_000L, 11_998L, 1L, 1L), (report.LinesRead, report.Accepted, report.Duplicates, report.Rejected));
        Assert.Equal(9_501, report.FirstRejections.Single().LineNumber);
        _store.Refresh("12:00:00");
        Assert.Equal("primero", _store.Rows("SELECT first_message FROM sessions WHERE user_cellphone = '3009999999'").Single()["first_message"]);
    }

    public void Dispose() => _store.Dispose();
}
