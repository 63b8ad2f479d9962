using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Demo;
using AnalyticsCenter.Query.Tests.Reports;
using AnalyticsCenter.TestKit;
using AnalyticsCenter.TestKit.Postgres;

namespace AnalyticsCenter.Query.Tests.Twins;

/// <summary>
/// The data the dialect twins are compared on: the report tests' hand-made workspace (edge cases: a zone's daylight-saving
/// change, ties, NULL nodes and reasons, an open session) and a generated month of one busy demo workspace.
/// </summary>
public sealed class TwinData(PostgresServer server) : IAsyncLifetime
{
    public const string Fixture = "fixture";
    public const string Month = "month";

    private static readonly DateTimeOffset s_monthEnd = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, TwinSet> _sets = new(StringComparer.Ordinal);

    public TwinSet this[string name] => _sets[name];

    public async ValueTask InitializeAsync()
    {
        var fixture = new ReportFixture();
        await fixture.InitializeAsync();
        _sets[Fixture] = await TwinSet.CreateAsync(fixture.Store, WorkspaceId.Parse("acme"), server);
        _sets[Month] = await TwinSet.CreateAsync(await GeneratedMonthAsync(), WorkspaceId.Parse("acme"), server);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var set in _sets.Values)
        {
            await set.DisposeAsync();
        }
    }

    /// <summary>A month of demo events (one workspace, half of them campaign traffic), ingested and refreshed as of its end.</summary>
    private static async Task<TestStore> GeneratedMonthAsync()
    {
        var store = new TestStore(time: new FixedTimeProvider(s_monthEnd));
        using var events = new MemoryStream();
        new DemoEventGenerator(new DemoOptions { Events = 30_000, Workspaces = 1, OutboundShare = 0.5, End = s_monthEnd }).Write(events);
        events.Position = 0;
        await store.Store.IngestAsync(events, new IngestOptions { Source = "month.ndjson" });
        await store.RefreshAsync(s_monthEnd.UtcDateTime);
        return store;
    }
}
