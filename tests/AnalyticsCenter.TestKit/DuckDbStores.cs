using AnalyticsCenter.Storage.DuckDb;

namespace AnalyticsCenter.TestKit;

/// <summary>DuckDB stores, each a file in a temporary folder of its own.</summary>
public sealed class DuckDbStores : IStoreFactory
{
    public Task<StoreUnderTest> CreateAsync(StoreSetup? setup = null, FixedTimeProvider? time = null)
    {
        setup ??= StoreSetup.Default;
        var defaults = new DuckDbStoreOptions();
        var options = defaults with
        {
            IngestBatchLines = setup.IngestBatchLines ?? defaults.IngestBatchLines,
            Retention = setup.Retention ?? defaults.Retention,
        };
        return Task.FromResult<StoreUnderTest>(new TestStore(options, time));
    }
}
