using System.Text;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Query.Uploads;
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

    /// <summary>A CSV text read as an upload called <paramref name="name"/>; <paramref name="types"/> name column types (<c>column=type</c>).</summary>
    protected static Task<UploadedTable> CsvUpload(string name, string csv, params string[] types) =>
        UploadReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), UploadFormat.Csv, name, UploadColumnTypes.ParseOverrides(types), new(), Ct);

    /// <summary>Uploads a CSV text to <paramref name="workspace"/> as <paramref name="name"/>, within the default limits.</summary>
    protected async Task<UploadInfo> UploadCsvAsync(WorkspaceId workspace, string name, string csv, UploadMode mode = UploadMode.Create) =>
        await Db.Store.UploadAsync(workspace, await CsvUpload(name, csv), mode, new(), Ct);

    public virtual async ValueTask InitializeAsync() => Db = await stores.CreateAsync(Setup);

    public virtual async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
