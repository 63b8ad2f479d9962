using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>Every line read is accepted, a duplicate, or a kept rejection: nothing silently dropped.</summary>
public abstract class NothingIsLostTests(IStoreFactory stores) : StoreTests(stores)
{
    protected override StoreSetup Setup { get; } = new() { IngestBatchLines = 7_000 };

    [Fact]
    public async Task Accepted_plus_duplicates_plus_rejected_is_every_line_read_and_each_rejection_is_kept()
    {
        using var file = new MemoryStream();
        var summary = new DemoEventGenerator(new DemoOptions { Events = 30_000, End = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero) }).Write(file);
        file.Position = 0;

        var report = await Db.Store.IngestAsync(file, new IngestOptions { Source = "generated.ndjson" }, TestContext.Current.CancellationToken);

        Assert.Equal(summary.Lines, report.LinesRead);
        Assert.Equal(report.LinesRead, report.Accepted + report.Duplicates + report.Rejected);
        Assert.Equal(summary.Events, report.Accepted);
        Assert.Equal(summary.DuplicateLines, report.Duplicates);
        Assert.Equal(summary.BadLines, report.Rejected);
        Assert.True(report.Rejected > 0 && report.Duplicates > 0, "the generated file must contain bad and duplicate lines");

        var kept = await Db.RejectionsAsync();
        Assert.All(kept, rejection => Assert.False(string.IsNullOrEmpty(rejection.Reason) || rejection.Raw is null));
        Assert.Equal(report.Rejected, kept.Count);

        // Ingesting the same file again accepts nothing new and still accounts for every line.
        file.Position = 0;
        var again = await Db.Store.IngestAsync(file, new IngestOptions { Source = "generated.ndjson" }, TestContext.Current.CancellationToken);
        Assert.Equal((0L, summary.Events + summary.DuplicateLines, summary.BadLines), (again.Accepted, again.Duplicates, again.Rejected));
        Assert.Contains(WorkspaceId.Parse("acme").Value, summary.WorkspaceIds);
    }
}
