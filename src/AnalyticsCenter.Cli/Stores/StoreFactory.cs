using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.DuckDb;

namespace AnalyticsCenter.Cli.Stores;

/// <summary>The one place a <see cref="StoreTarget"/> becomes a store: the command line's composition root.</summary>
internal static class StoreFactory
{
    /// <summary>Opens (or, for a DuckDB file not read-only, creates) the store <paramref name="target"/> names.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be opened, said in one line.</exception>
    public static Task<IAnalyticsStore> OpenAsync(StoreTarget target, StoreOpenOptions options, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        return target.FilePath is { } path
            ? Task.FromResult<IAnalyticsStore>(OpenDuckDb(path, options, time))
            : OpenPostgresAsync(target.ConnectionString!, options, time, ct);
    }

    private static DuckDbStore OpenDuckDb(string path, StoreOpenOptions options, TimeProvider time)
    {
        var defaults = new DuckDbStoreOptions();
        var duckDb = defaults with
        {
            ReadOnly = options.ReadOnly,
            Retention = options.Retention ?? defaults.Retention,
            QueryTimeout = options.QueryTimeout ?? defaults.QueryTimeout,
        };
        try
        {
            return DuckDbStore.Open(path, duckDb, time);
        }
        catch (StoreUnavailableException ex) when (ServerMarker.LiveServer(path) is { } server)
        {
            throw new StoreUnavailableException(
                $"{ex.Message}. It is the server at {server}: use its API (analytics query --server {server} --key KEY ...) or stop it", ex);
        }
    }

    /// <summary>The PostgreSQL store arrives with its own project; until it does, a PostgreSQL target stops here, and only here.</summary>
    private static Task<IAnalyticsStore> OpenPostgresAsync(string connectionString, StoreOpenOptions options, TimeProvider time, CancellationToken ct) =>
        Task.FromException<IAnalyticsStore>(new StoreUnavailableException("the PostgreSQL store is not in this build yet"));
}
