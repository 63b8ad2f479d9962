using AnalyticsCenter.TestKit;

namespace AnalyticsCenter.Storage.Conformance.Tests.Abstract;

/// <summary>A test class of the conformance suite: each test gets a fresh store from the factory its subclass names.</summary>
public abstract class StoreTests(IStoreFactory stores) : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The store the current test runs against.</summary>
    protected StoreUnderTest Db { get; private set; } = null!;

    protected IStoreFactory Stores => stores;

    /// <summary>What the class asks of its stores beyond the defaults.</summary>
    protected virtual StoreSetup Setup => StoreSetup.Default;

    public virtual async ValueTask InitializeAsync() => Db = await stores.CreateAsync(Setup);

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
