using System.Text;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.TestKit;
using CsCheck;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>
/// Whatever lines arrive among good ones, an ingest accounts for every line read (accepted, duplicate or a kept
/// rejection) and stores every good line: checked over random bytes and mutated lines against a real store.
/// </summary>
public abstract class PoisonLineProperties(IStoreFactory stores) : StoreTests(stores)
{
    private static readonly Gen<(byte[][] Poison, int Good, int Seed)> s_input = Gen.Select(PoisonLines.Any.Array[1, 40], Gen.Int[1, 30], Gen.Int);

    [Fact]
    public Task Every_line_read_is_accepted_a_duplicate_or_a_kept_rejection_and_every_good_line_is_stored() =>
        s_input.SampleAsync(async input =>
        {
            var (poison, goodCount, seed) = input;
            var good = Enumerable.Range(0, goodCount).Select(i => PoisonLines.Good(i, 3600 + i, $"ok-{i}")).ToList();
            var random = new Random(seed);
            var lines = good.Select(Encoding.UTF8.GetBytes).Concat(poison).OrderBy(_ => random.Next()).ToList();
            await using var store = await Stores.CreateAsync();

            var report = await store.Store.IngestAsync(
                new MemoryStream([.. lines.SelectMany(line => line.Append((byte)'\n'))]), new IngestOptions { Source = "fuzz.ndjson" },
                TestContext.Current.CancellationToken);

            Assert.Equal(lines.Count, report.LinesRead);
            Assert.Equal(report.LinesRead, report.Accepted + report.Duplicates + report.Rejected);
            var kept = await store.RejectionsAsync();
            Assert.Equal(report.Rejected, kept.Count);
            Assert.All(kept, rejection => Assert.False(string.IsNullOrWhiteSpace(rejection.Reason) || rejection.Raw is null));
            Assert.Equal(goodCount, (await store.IngestAsync(good)).Duplicates);
        }, iter: 40, print: input => string.Join('\n', input.Item1.Select(PoisonLines.Print)));
}
