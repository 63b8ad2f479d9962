using System.Text;
using System.Text.Json;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// What <c>analytics bench</c> needs of a PostgreSQL database besides the store: the server's CPU time and the database's
/// size, and the peer it is compared with, what a PostgreSQL user would do without the product (the NDJSON copied into a
/// <c>jsonb</c> table, sessions counted by window functions, the inactivity rule only).
/// </summary>
public sealed class PostgresBenchDatabase : IAsyncDisposable
{
    /// <summary>The store's tables the floor writes, by the names of their scripts (Floor/Save*.sql, Floor/Write*.sql).</summary>
    private static readonly string[] FloorTables = ["Events", "Sessions", "Deployments"];

    private readonly NpgsqlConnection _connection;
    private readonly ServerProcesses? _server;

    private PostgresBenchDatabase(NpgsqlConnection connection, ServerProcesses? server) => (_connection, _server) = (connection, server);

    /// <summary>Connects to the database <paramref name="connectionString"/> names (Npgsql's <c>Host=…;</c> form).</summary>
    public static async Task<PostgresBenchDatabase> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC", ApplicationName = "analytics bench", CommandTimeout = 0 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var server = ServerProcesses.Of(await connection.ScalarAsync<int>("Bench/BackendPid.sql", cancellationToken));
            return new PostgresBenchDatabase(connection, server);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// CPU time the whole server has used so far (every backend and worker); null when the server is not on this machine.
    /// </summary>
    public TimeSpan? ServerCpu() => _server?.Cpu();

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
        foreach (var table in FloorTables)
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
        foreach (var table in FloorTables)
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
