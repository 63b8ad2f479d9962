using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Storage.DuckDb;
using AnalyticsCenter.Storage.Postgres;

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
        catch (StoreUnavailableException ex) when (ServerMarker.LiveServer(path) is { Urls: var server })
        {
            throw new StoreUnavailableException(
                $"{ex.Message}. It is the server at {server}: use its API (analytics query --server {server} --key KEY ...) or stop it", ex);
        }
    }

    /// <summary>A server store: many processes share it, so there is nothing to open read-only.</summary>
    private static async Task<IAnalyticsStore> OpenPostgresAsync(string connectionString, StoreOpenOptions options, TimeProvider time, CancellationToken ct)
    {
        var defaults = new PostgresStoreOptions();
        var postgres = defaults with
        {
            Retention = options.Retention ?? defaults.Retention,
            TenantAccess = defaults.TenantAccess with { QueryTimeout = options.QueryTimeout ?? defaults.TenantAccess.QueryTimeout },
        };
        return await PostgresStore.OpenAsync(connectionString, postgres, time, ct);
    }
}
