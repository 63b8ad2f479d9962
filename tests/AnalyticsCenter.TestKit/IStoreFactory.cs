namespace AnalyticsCenter.TestKit;

/// <summary>Makes fresh stores of one kind: the conformance suite's abstract tests run once per factory.</summary>
public interface IStoreFactory
{
    /// <summary>A fresh, empty store that no other test sees.</summary>
    Task<StoreUnderTest> CreateAsync(StoreSetup? setup = null, FixedTimeProvider? time = null);
}
