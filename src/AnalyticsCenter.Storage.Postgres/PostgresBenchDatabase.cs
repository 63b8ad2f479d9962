using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// What <c>analytics bench</c> needs of a PostgreSQL database besides the store: the server's CPU time and the database's
/// size, and the peer it is compared with, what a PostgreSQL user would do without the product (the NDJSON copied into a
/// <c>jsonb</c> table, sessions counted by window functions, the inactivity rule only). On a Citus coordinator whose
/// workers run on this machine too, the server's CPU is the whole cluster's.
/// </summary>
public sealed class PostgresBenchDatabase : IAsyncDisposable
{
    /// <summary>The store's tables the floor writes, by the names of their scripts (Floor/Save*.sql, Floor/Write*.sql).</summary>
    private static readonly string[] s_floorTables = ["Events", "Sessions", "Deployments"];

    private readonly NpgsqlConnection _connection;
    private readonly IReadOnlyList<ServerProcesses?> _servers;

    private PostgresBenchDatabase(NpgsqlConnection connection, IReadOnlyList<ServerProcesses?> servers) => (_connection, _servers) = (connection, servers);

    /// <summary>The servers whose CPU <see cref="ServerCpu"/> adds up: 1, or a Citus coordinator and its workers.</summary>
    public int Servers => _servers.Count;

    /// <summary>Connects to the database <paramref name="connectionString"/> names (Npgsql's <c>Host=…;</c> form).</summary>
    public static async Task<PostgresBenchDatabase> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC", ApplicationName = "analytics bench", CommandTimeout = 0 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var servers = new List<ServerProcesses?> { ServerProcesses.Of(await connection.ScalarAsync<int>("Bench/BackendPid.sql", cancellationToken)) };
            if (await connection.ScalarAsync<bool>("Citus/Present.sql", cancellationToken))
            {
                var workers = new List<(string Host, int Port)>();
                await using (var command = connection.Command("Bench/WorkerNodes.sql"))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        workers.Add((reader.GetString(0), reader.GetInt32(1)));
                    }
                }

                // A backend of each worker, as this role, tells which server it is while it is connected.
                foreach (var (host, port) in workers)
                {
                    var direct = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Host = host, Port = port, Pooling = false };
                    await using var worker = new NpgsqlConnection(direct.ConnectionString);
                    await worker.OpenAsync(cancellationToken);
                    servers.Add(ServerProcesses.Of(worker.ProcessID));
                }
            }

            return new PostgresBenchDatabase(connection, servers);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// CPU time the whole server (every node of a cluster) has used so far, every backend and worker; null when one is not
    /// on this machine.
    /// </summary>
    public TimeSpan? ServerCpu()
    {
        var total = TimeSpan.Zero;
        foreach (var server in _servers)
        {
            if (server?.Cpu() is not { } cpu)
            {
                return null;
            }

            total += cpu;
        }

        return total;
    }

    /// <summary>The workspaces a refresh has made tables for.</summary>
    public async Task<IReadOnlyList<string>> RefreshedWorkspacesAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.Command("Bench/Workspaces.sql");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var workspaces = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            workspaces.Add(reader.GetString(0));
        }

        return workspaces;
    }

    /// <summary>
    /// <paramref name="readers"/> connections at once as the store's owner, each running a report
    /// (<c>Bench/ReportProbe.sql</c>, prepared) <paramref name="reads"/> times over <paramref name="workspaces"/> in turn;
    /// every run's time, from sending it to reading its last row.
    /// </summary>
    public static async Task<IReadOnlyList<TimeSpan>> ReadReportsAsync(
        string connectionString, IReadOnlyList<string> workspaces, int readers, int reads, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(workspaces.Count);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "analytics bench", MaxPoolSize = Math.Max(readers, 1) };
        await using var source = NpgsqlDataSource.Create(builder);
        var times = new ConcurrentBag<TimeSpan>();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(reader => Task.Run(async () =>
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            await using var command = connection.Command("Bench/ReportProbe.sql", ("ws", workspaces[0]));
            await command.PrepareAsync(cancellationToken);
            for (var i = 0; i < reads; i++)
            {
                command.Parameters[0].Value = workspaces[(reader + i) % workspaces.Count];
                var started = Stopwatch.GetTimestamp();
                await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await rows.ReadAsync(cancellationToken))
                    {
                    }
                }

                times.Add(Stopwatch.GetElapsedTime(started));
            }
        }, cancellationToken)));
        return times.ToList();
    }

    /// <summary>The database's size on disk (<c>pg_database_size</c>), in bytes.</summary>
    public Task<long> SizeAsync(CancellationToken cancellationToken) => _connection.ScalarAsync<long>("Bench/DatabaseSize.sql", cancellationToken);

    /// <summary>Whether the store in this database holds any event: a benchmark starts from an empty one.</summary>
    public Task<bool> HoldsEventsAsync(CancellationToken cancellationToken) => _connection.ScalarAsync<bool>("Bench/HoldsEvents.sql", cancellationToken);

    /// <summary>
    /// The peer's load: copies the lines of <paramref name="ndjsonFile"/> into a new <c>jsonb</c> table, leaving out those
    /// <c>jsonb</c> refuses (text that is not JSON, a <c>\u0000</c> escape), which would fail the whole COPY.
    /// </summary>
    /// <returns>The lines copied and those left out.</returns>
    public async Task<(long Copied, long LeftOut)> LoadPeerAsync(string ndjsonFile, CancellationToken cancellationToken)
    {
        await _connection.ExecuteAsync("Bench/CreatePeer.sql", cancellationToken);
        long copied = 0, leftOut = 0;

        // CSV with quote and delimiter bytes JSON text never holds: each line arrives whole, backslashes and all.
        await using (var copy = await _connection.BeginTextImportAsync(SqlScripts.Get("Bench/CopyPeer.sql"), cancellationToken))
        {
            foreach (var line in File.ReadLines(ndjsonFile))
            {
                if (IsJsonbText(line))
                {
                    await copy.WriteLineAsync(line.AsMemory(), cancellationToken);
                    copied++;
                }
                else
                {
                    leftOut++;
                }
            }
        }

        return (copied, leftOut);
    }

    /// <summary>The peer's sessions with an inactivity timeout of <paramref name="timeoutMicros"/>.</summary>
    public Task<long> SessionizePeerAsync(long timeoutMicros, CancellationToken cancellationToken) =>
        _connection.ScalarAsync<long>("Bench/SessionizePeer.sql", cancellationToken, ("timeout_us", timeoutMicros));

    /// <summary>Drops the peer's table.</summary>
    public Task DropPeerAsync(CancellationToken cancellationToken) => _connection.ExecuteAsync("Bench/DropPeer.sql", cancellationToken);

    /// <summary>
    /// The floor's first step, not timed: the store's events and rows, typed, saved by binary COPY to files in
    /// <paramref name="folder"/> (what an ingest and a refresh have in hand before they write), and the floor's tables.
    /// </summary>
    public async Task SaveFloorAsync(string folder, CancellationToken cancellationToken)
    {
        foreach (var table in s_floorTables)
        {
            await using var copy = await _connection.BeginRawBinaryCopyAsync(SqlScripts.Get($"Floor/Save{table}.sql"), cancellationToken);
            await using var file = File.Create(FloorFile(folder, table));
            await copy.CopyToAsync(file, cancellationToken);
        }

        await _connection.ExecuteAsync("Floor/Create.sql", cancellationToken);
        await _connection.ExecuteAsync("Floor/Settings.sql", cancellationToken);
    }

    /// <summary>The floor of an ingest: the typed events copied into a table with no index, key or identity.</summary>
    public Task WriteFloorEventsAsync(string folder, CancellationToken cancellationToken) => WriteFloorAsync(folder, "Events", cancellationToken);

    /// <summary>
    /// Beside the floor: the same copy into a table with the events table's unique key and indexes, which deduplication
    /// and incremental refreshes need; what keeping them costs, before any of the store's own statements.
    /// </summary>
    public Task WriteKeyedEventsAsync(string folder, CancellationToken cancellationToken) =>
        CopyFileAsync(FloorFile(folder, "Events"), "Floor/WriteKeyedEvents.sql", cancellationToken);

    /// <summary>The floor of a refresh's read: the events, in the sessionizer's order, sent here once (and let go).</summary>
    public async Task ReadFloorSortedAsync(CancellationToken cancellationToken)
    {
        await using var copy = await _connection.BeginRawBinaryCopyAsync(SqlScripts.Get("Floor/SortedRead.sql"), cancellationToken);
        await copy.CopyToAsync(Stream.Null, cancellationToken);
    }

    /// <summary>The floor of a refresh's write: the rows of the two tables copied into tables with no index.</summary>
    public async Task WriteFloorRowsAsync(string folder, CancellationToken cancellationToken)
    {
        await WriteFloorAsync(folder, "Sessions", cancellationToken);
        await WriteFloorAsync(folder, "Deployments", cancellationToken);
    }

    /// <summary>Drops the floor's tables and deletes its files.</summary>
    public async Task DropFloorAsync(string folder, CancellationToken cancellationToken)
    {
        await _connection.ExecuteAsync("Floor/Drop.sql", cancellationToken);
        foreach (var table in s_floorTables)
        {
            File.Delete(FloorFile(folder, table));
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static string FloorFile(string folder, string table) => Path.Combine(folder, $"floor-{table.ToLowerInvariant()}.pgcopy");

    private Task WriteFloorAsync(string folder, string table, CancellationToken cancellationToken) =>
        CopyFileAsync(FloorFile(folder, table), $"Floor/Write{table}.sql", cancellationToken);

    private async Task CopyFileAsync(string path, string script, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        await using var copy = await _connection.BeginRawBinaryCopyAsync(SqlScripts.Get(script), cancellationToken);
        await file.CopyToAsync(copy, cancellationToken);
    }

    private static bool IsJsonbText(string line)
    {
        if (line.Contains("\\u0000", StringComparison.Ordinal))
        {
            return false;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
