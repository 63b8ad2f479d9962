using AnalyticsCenter.Storage.DuckDb;

namespace AnalyticsCenter.TestKit;

/// <summary>A real DuckDB store in a fresh temporary folder, removed afterwards.</summary>
public sealed class TestStore : StoreUnderTest, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ac-test-").FullName;
    private DuckDbStore _store;

    public TestStore(DuckDbStoreOptions? options = null, FixedTimeProvider? time = null)
        : base(time)
    {
        Options = WithoutDefaultMemoryWatch(options ?? new DuckDbStoreOptions());
        _store = DuckDbStore.Open(DatabasePath, Options, Time);
    }

    /// <summary>
    /// The memory watch samples the whole process, and tests share theirs (one test's flood of queries could leave it
    /// large for the next test's store): a test store keeps the watch only where its test sets a limit of its own.
    /// </summary>
    private static DuckDbStoreOptions WithoutDefaultMemoryWatch(DuckDbStoreOptions options) =>
        options.ProcessMemoryLimit == new DuckDbStoreOptions().ProcessMemoryLimit ? options with { ProcessMemoryLimit = null } : options;

    public string DatabasePath => Path.Combine(_folder, "analytics.duckdb");

    public override DuckDbStore Store => _store;

    public DuckDbStoreOptions Options { get; }

    /// <summary>Closes and reopens the file, as a new process would.</summary>
    public void Reopen()
    {
        _store.Dispose();
        _store = DuckDbStore.Open(DatabasePath, Options, Time);
    }

    public override Task ReopenAsync()
    {
        Reopen();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
