using AnalyticsCenter.TestKit.Postgres;
using Npgsql;
using Xunit;

namespace AnalyticsCenter.TestKit.Citus;

/// <summary>
/// A Citus cluster for a test run: a coordinator and two workers, each a private <see cref="PostgresServer"/> with Citus
/// preloaded, on loopback ports in temporary folders, stopped and deleted at dispose. Use it as an assembly fixture
/// (<c>[assembly: AssemblyFixture(typeof(CitusCluster))]</c>): three servers take seconds to start. Clients connect to the
/// coordinator with their password; the workers trust loopback, since the coordinator connects to them as the client's own
/// role. Citus keeps its metadata per database, so each database is made on every node, with the extension (made by the
/// superuser, as a DBA would) and the workers added. Without Citus installed (scripts/install-citus.sh) every test fails
/// under CI=true and skips elsewhere.
/// </summary>
public sealed class CitusCluster : IPostgresHost, IAsyncLifetime
{
    public const int InitialWorkers = 2;

    private const int DropAttempts = 20;

    /// <summary>
    /// Citus loaded in every node; no TLS between them (loopback); a worker that does not answer fails a query after a few
    /// seconds rather than Citus's default half minute; the coordinator names itself by the address it listens on.
    /// Tests run classes side by side and a multi-shard query opens several connections to each worker. Logical WAL, so
    /// shards move online (by logical replication), as Citus moves them by default.
    /// </summary>
    private static readonly string[] s_settings =
    [
        "shared_preload_libraries = 'citus'",
        "wal_level = logical",
        "citus.node_conninfo = 'sslmode=disable'",
        "citus.node_connection_timeout = 5000",
        "citus.local_hostname = '127.0.0.1'",
        "max_connections = 300",
    ];

    private readonly List<PostgresServer> _workers = [];
    private PostgresServer? _coordinator;
    private string? _unavailable;

    /// <summary>
    /// More lines for every node's postgresql.conf, after the harness's (a later line wins): e.g. commits flushed before
    /// they are answered, for a test that stops a node and counts what was acknowledged.
    /// </summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    public PostgresServer Coordinator => _coordinator ??= new() { Settings = [.. s_settings, .. Settings] };

    /// <summary>The workers, in the order they joined.</summary>
    public IReadOnlyList<PostgresServer> Workers => _workers;

    public bool IsRunning => _unavailable is null && Coordinator.IsRunning;

    public int Port => Coordinator.Port;

    public string ConnectionString => Coordinator.ConnectionString;

    private IEnumerable<PostgresServer> Nodes => [Coordinator, .. _workers];

    public async ValueTask InitializeAsync()
    {
        if (CitusLibrary.Find(out var missing) is null)
        {
            // CI must prove the store on Citus, so there a missing Citus fails every test instead of skipping it.
            if (UnderCi)
            {
                throw new InvalidOperationException(missing);
            }

            _unavailable = missing;
            return;
        }

        for (var i = 0; i < InitialWorkers; i++)
        {
            _workers.Add(NewWorker());
        }

        try
        {
            await Task.WhenAll(Nodes.Select(node => node.InitializeAsync().AsTask()));
            // Roles are made in "postgres" and Citus copies them to the workers it knows there.
            await PrepareAsync("postgres", Nodes);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public string ConnectionTo(string database)
    {
        SkipUnlessRunning();
        return Coordinator.ConnectionTo(database);
    }

    public void SkipUnlessRunning()
    {
        Assert.SkipWhen(_unavailable is not null, _unavailable ?? "");
        Coordinator.SkipUnlessRunning();
    }

    /// <inheritdoc />
    /// <remarks>The database is made on every node, with the extension, and the workers are added to its metadata.</remarks>
    public Task<string> CreateDatabaseAsync(string? owner = null, CancellationToken cancellationToken = default) =>
        CreateDatabaseAsync(owner, withCitus: true, cancellationToken);

    /// <summary>
    /// Makes a database on every node; without Citus it is a plain PostgreSQL database on the coordinator (what a store
    /// made before the cluster holds) until <see cref="AddCitusAsync"/>.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? owner, bool withCitus, CancellationToken cancellationToken = default)
    {
        SkipUnlessRunning();
        var name = await Coordinator.CreateDatabaseAsync(owner, cancellationToken);
        foreach (var worker in _workers)
        {
            await worker.ExecuteAsync("postgres", $"CREATE DATABASE {name}{(owner is null ? "" : " OWNER " + owner)}", cancellationToken);
        }

        if (withCitus)
        {
            await AddCitusAsync(name, cancellationToken);
        }

        return name;
    }

    /// <summary>Creates the extension in <paramref name="database"/> on every node and adds the workers, as a DBA would.</summary>
    public Task AddCitusAsync(string database, CancellationToken cancellationToken = default) => PrepareAsync(database, Nodes, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Each node copies its own part (the coordinator its metadata, each worker its shards), so the copies form a cluster of
    /// their own. Citus's maintenance daemon and its cached connections keep the template open, so they are closed first and
    /// the template stops taking connections.
    /// </remarks>
    public async Task<string> CopyDatabaseAsync(string source, string owner, CancellationToken cancellationToken = default)
    {
        SkipUnlessRunning();
        var name = "test_" + Guid.NewGuid().ToString("N");
        foreach (var node in Nodes)
        {
            await node.ExecuteAsync("postgres", $"ALTER DATABASE {source} ALLOW_CONNECTIONS false", cancellationToken);
            await node.ExecuteAsync("postgres",
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{source}' AND pid <> pg_backend_pid()", cancellationToken);
        }

        // CREATE DATABASE waits a few seconds for terminated sessions to leave the template. A file copy: the template holds
        // hundreds of small shards, which PostgreSQL's default (copying through the WAL, block by block) copies slowly.
        await Task.WhenAll(Nodes.Select(node => node.ExecuteAsync(
            "postgres", $"CREATE DATABASE {name} TEMPLATE {source} OWNER {owner} STRATEGY FILE_COPY", cancellationToken)));

        return name;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The coordinator's copy first, since its maintenance daemon connects to the workers' copies; each stops taking
    /// connections before it is dropped, so no daemon comes back while it goes.
    /// </remarks>
    public async Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        foreach (var node in Nodes.Where(node => node.IsRunning))
        {
            try
            {
                await node.ExecuteAsync("postgres", $"ALTER DATABASE {database} ALLOW_CONNECTIONS false", cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                continue;
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await node.DropDatabaseAsync(database, cancellationToken);
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < DropAttempts)
                {
                    // A background worker (Citus's daemon) is not terminated by FORCE: it leaves on its own shortly.
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Starts one more worker and adds it to the cluster's roles ("postgres"); <see cref="AddToDatabaseAsync"/> then adds it to a
    /// database. It holds no shards until they are rebalanced (<c>citus_rebalance_start</c>).
    /// </summary>
    public async Task<PostgresServer> AddWorkerAsync(CancellationToken cancellationToken = default)
    {
        SkipUnlessRunning();
        var worker = NewWorker();
        _workers.Add(worker);
        await worker.InitializeAsync();
        await PrepareAsync("postgres", [worker], cancellationToken);
        return worker;
    }

    /// <summary>
    /// Makes <paramref name="database"/> on <paramref name="worker"/>, owned by <paramref name="owner"/>, and adds the worker
    /// to its metadata.
    /// </summary>
    public async Task AddToDatabaseAsync(PostgresServer worker, string database, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        await worker.ExecuteAsync("postgres", $"CREATE DATABASE {database} OWNER {owner}", cancellationToken);
        await PrepareAsync(database, [worker], cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(node => node.DisposeAsync().AsTask()));
    }

    private static bool UnderCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    private PostgresServer NewWorker() => new() { Settings = [.. s_settings, .. Settings], TrustLoopback = true };

    /// <summary>
    /// Creates the extension in <paramref name="database"/> on <paramref name="nodes"/> and adds the workers among them to the
    /// coordinator's metadata.
    /// </summary>
    private async Task PrepareAsync(string database, IEnumerable<PostgresServer> nodes, CancellationToken cancellationToken = default)
    {
        var joining = nodes.ToList();
        foreach (var node in joining)
        {
            await node.ExecuteAsync(database, "CREATE EXTENSION IF NOT EXISTS citus", cancellationToken);
        }

        foreach (var worker in joining.Where(node => node != Coordinator))
        {
            await Coordinator.ExecuteAsync(database, $"SELECT citus_add_node('127.0.0.1', {worker.Port})", cancellationToken);
        }
    }
}
