using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Cli.Tests;

/// <summary>Several <c>ingest</c> and <c>serve</c> processes writing overlapping events into one PostgreSQL database at once.</summary>
public sealed partial class ManyWritersTests(PostgresServer server) : IDisposable
{
    private const int Batches = 24;
    private const int BatchSize = 250;

    private readonly TempFolder _folder = new("ac-writers-");

    [Fact]
    public async Task Ingest_and_serve_processes_writing_overlapping_events_at_once_store_each_event_exactly_once()
    {
        await using var database = await OwnedDatabase.CreateAsync(server, TestContext.Current.CancellationToken);
        var batches = ServedStore.Batches(Batches, BatchSize);

        // Every batch goes through at least two writers, and most through three.
        var fileA = WriteBatches("a.ndjson", batches, 0, 16);
        var fileB = WriteBatches("b.ndjson", batches, 8, 24);
        using var serverX = new ServedStore(_folder.Path, database.Url());
        using var serverY = new ServedStore(_folder.Path, database.Url());
        await serverX.StartAsync();
        await serverY.StartAsync();

        using var ingestA = Analytics.Start(_folder.Path, null, "ingest", fileA, "--db", database.Url());
        using var ingestB = Analytics.Start(_folder.Path, null, "ingest", fileB, "--db", database.Url());
        var outputA = ingestA.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var outputB = ingestB.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var sentX = serverX.SendAsync(batches, clients: 3);
        var sentY = serverY.SendAsync(batches.Skip(4).Take(16).ToList(), clients: 3);

        var byX = await sentX;
        var byY = await sentY;
        var (acceptedA, duplicatesA) = Counts(ingestA, await outputA);
        var (acceptedB, duplicatesB) = Counts(ingestB, await outputB);

        Assert.All(byX.Concat(byY), outcome => Assert.Equal(200, outcome.Status));
        Assert.All(byX.Concat(byY), outcome => Assert.Equal(BatchSize, outcome.Accepted + outcome.Duplicates));
        Assert.Equal(16 * BatchSize, acceptedA + duplicatesA);
        Assert.Equal(16 * BatchSize, acceptedB + duplicatesB);

        var distinct = Batches * BatchSize;
        var accepted = acceptedA + acceptedB + byX.Sum(o => o.Accepted) + byY.Sum(o => o.Accepted);
        Assert.Equal(distinct, accepted);
        Assert.Equal(
            [$"{distinct}|{distinct}"],
            await database.RowsAsync("SELECT count(*), count(DISTINCT event_id) FROM analytics.events WHERE workspace_id = 'acme'"));
    }

    private string WriteBatches(string name, IReadOnlyList<string> batches, int from, int to)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, string.Concat(batches.Skip(from).Take(to - from)));
        return path;
    }

    /// <summary>What an <c>ingest</c> process said it accepted and found already stored.</summary>
    private static (long Accepted, long Duplicates) Counts(Process ingest, string output)
    {
        ingest.WaitForExit();
        Assert.Equal(0, ingest.ExitCode);
        var said = IngestLine().Match(output);
        Assert.True(said.Success, output);
        return (Number(said.Groups[1].Value), Number(said.Groups[2].Value));
    }

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"([\d,]+) accepted, ([\d,]+) duplicates")]
    private static partial Regex IngestLine();

    public void Dispose() => _folder.Dispose();
}
