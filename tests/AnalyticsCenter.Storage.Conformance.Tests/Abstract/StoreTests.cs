using AnalyticsCenter.Core.Storage;
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

    /// <summary>A named parameter as the store's dialect writes it in tenant SQL: <c>$name</c> in DuckDB, <c>@name</c> in PostgreSQL.</summary>
    protected string Parameter(string name) => (Db.Store.Dialect == SqlDialect.PostgreSql ? "@" : "$") + name;

    public virtual async ValueTask InitializeAsync() => Db = await stores.CreateAsync(Setup);

    public virtual async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
