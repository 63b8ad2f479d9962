using System.Data.Common;
using System.Globalization;
using AnalyticsCenter.Core.Access;
using AnalyticsCenter.Core.Alerts;
using AnalyticsCenter.Core.Audit;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Ingestion;
using AnalyticsCenter.Core.Sessions;
using AnalyticsCenter.Core.Storage;
using AnalyticsCenter.Core.Subscriptions;
using AnalyticsCenter.Core.Uploads;
using AnalyticsCenter.Core.WhatsApp;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The embedded store: one DuckDB file holding raw events, rejections, settings, refresh state and the two tables.
/// DuckDB lets one process write a file at a time; a second one gets <see cref="StoreUnavailableException"/> saying so.
/// Within the process it is safe to share: writes (ingest, refresh, settings) take turns on one connection, and reads
/// each open a connection of their own to the open database, so queries keep answering during a refresh.
/// </summary>
public sealed class DuckDbStore : IAnalyticsStore, IEmbedKeys
{
    /// <summary>The optional columns of <c>ac.workspaces</c>, added as settings were (Schema.sql).</summary>
    private static readonly IReadOnlySet<string> s_settingColumns = new HashSet<string>(["time_zone", "retention_us"], StringComparer.Ordinal);

    /// <summary>The scripts that create the store's tables, or add what an older store lacks, in order.</summary>
    private static readonly string[] s_schemas = ["Schema.sql", "WhatsApp/Schema.sql", "Subscriptions/Schema.sql", "Alerts/Schema.sql", "Audit/Schema.sql"];

    private readonly DuckDBConnection _connection;
    private readonly string _connectionString;
    private readonly string _exportDirectory;

    /// <summary>What a tenant connection searches for names: the store, then the bounded functions (Query/ValueBounds.sql).</summary>
    private readonly string _tenantSearchPath;

    /// <summary>The settings columns the store has: one opened read-only before a setting existed lacks that column.</summary>
    private readonly IReadOnlySet<string> _settingColumns;

    /// <summary>
    /// The tables of schema <c>ac</c> the file has. One written before a table existed (keys, uploads, the audit log and
    /// the creators of subscriptions, data versions) gets it when next opened for writing; read-only, it has none of its
    /// rows.
    /// </summary>
    private readonly IReadOnlySet<string> _tables;
    private readonly DuckDbStoreOptions _options;
    private readonly MemoryLimits _memoryLimits;
    private readonly TimeProvider _time;
    private readonly Lock _writer = new();

    /// <summary>A turn to run a tenant query: at most <see cref="DuckDbStoreOptions.MaxConcurrentQueries"/> at once.</summary>
    private readonly SemaphoreSlim _queryTurns;

    /// <summary>Stops tenant queries when the process passes its memory limit; null without one.</summary>
    private readonly QueryMemoryWatch? _memoryWatch;

    /// <summary>
    /// Held exclusively while a refresh commits, shared while a query takes its snapshot. DuckDB (1.5) can show a query
    /// that starts during a commit the new rows without the deleted old ones, so a query waits out the commit's instant.
    /// </summary>
    private readonly ReaderWriterLockSlim _commits = new();

    /// <summary>The timeline ids, loaded by the first ingest and kept while ingests succeed (a failed one may have added ids it rolled back).</summary>
    private NumberedKeys? _timelines;

    /// <summary>The stored event ids, loaded by the first ingest and kept like the timeline ids.</summary>
    private StoredEventIds? _eventIds;

    /// <summary>The stored deployments' keys, loaded by the first ingest and kept like the timeline ids.</summary>
    private NumberedKeys? _deploymentKeys;

    /// <summary>
    /// Every WhatsApp line, read once: every webhook delivery needs them, and only this store's own writes change them
    /// (another process cannot write the file while this one holds it). Null until read, and again after a change.
    /// </summary>
    private IReadOnlyList<WhatsAppLine>? _lines;

    /// <summary>Held while the lines are read or forgotten, so a change never leaves an older read behind.</summary>
    private readonly Lock _linesCache = new();

    private DuckDbStore(
        string path, DuckDBConnection connection, string exportDirectory, string tenantSearchPath, DuckDbStoreOptions options,
        MemoryLimits memoryLimits, TimeProvider time, IReadOnlySet<string> settingColumns, IReadOnlySet<string> tables)
    {
        _tables = tables;
        Path = path;
        _connection = connection;
        _connectionString = connection.ConnectionString;
        _exportDirectory = exportDirectory;
        _tenantSearchPath = tenantSearchPath;
        _settingColumns = settingColumns;
        _options = options;
        _memoryLimits = memoryLimits;
        _time = time;
        _queryTurns = new SemaphoreSlim(options.MaxConcurrentQueries);
        _memoryWatch = options.ProcessMemoryLimit is { } limit ? new QueryMemoryWatch(limit) : null;
    }

    /// <summary>
    /// How a store's file is opened. A file it creates is written in DuckDB 1.2's storage format or later, the first with
    /// zstd for strings (what the events' details are kept in); a file created before keeps its own.
    /// </summary>
    internal static string ConnectionString(string path, bool readOnly) =>
        $"Data Source={path};storage_compatibility_version=v1.2.0{(readOnly ? ";ACCESS_MODE=READ_ONLY" : "")}";

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Description => $"DuckDB file {Path}";

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.DuckDb;

    /// <summary>Opens (or, unless read-only, creates) the store at <paramref name="path"/>.</summary>
    /// <exception cref="StoreUnavailableException">Missing (read-only), held by another process, or not a store.</exception>
    public static DuckDbStore Open(string path, DuckDbStoreOptions? options = null, TimeProvider? time = null)
    {
        options ??= new DuckDbStoreOptions();
        var fullPath = System.IO.Path.GetFullPath(path);
        if (options.ReadOnly && !File.Exists(fullPath))
        {
            throw new StoreUnavailableException($"there is no store at {fullPath} yet: ingest events first (analytics ingest FILE)");
        }

        // Before DuckDB creates anything: it makes the write-ahead log, spill files and exports as it goes.
        PrivateFiles.KeepNewFilesPrivate();
        if (!options.ReadOnly)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        }

        var connection = new DuckDBConnection(ConnectionString(fullPath, options.ReadOnly));
        var memoryLimits = new MemoryLimits(options.MemoryLimit, options.IngestMemoryLimit);
        IReadOnlySet<string> settingColumns = s_settingColumns;
        HashSet<string> tables;
        string exports;
        string tenantSearchPath;
        try
        {
            connection.Open();
            if (!options.ReadOnly)
            {
                // One transaction: on their own, each of the schema's statements would commit, and write the log, once.
                using (var transaction = connection.BeginTransaction())
                {
                    foreach (var schema in s_schemas)
                    {
                        connection.Execute(SqlScripts.Get(schema));
                    }

                    // The refresh's work tables belong to this, the writing connection: made once, not at every refresh.
                    connection.Execute(SqlScripts.Get("Refresh/CreateWorkTables.sql"));
                    transaction.Commit();
                }

                NumberedKeys.KeyOlderDeployments(connection);
            }

            tables = TablesOf(connection);
            if (!tables.Contains("events"))
            {
                throw new StoreUnavailableException($"{fullPath} is a DuckDB file but not an Analytics Center store");
            }

            if (options.ReadOnly)
            {
                // One written before a workspace setting existed has no column for it: read-only, every workspace has that
                // setting's default.
                settingColumns = s_settingColumns.Where(column => connection.Scalar<long>(
                    "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'ac' AND table_name = 'workspaces' AND column_name = $column",
                    ("column", column)) > 0).ToHashSet(StringComparer.Ordinal);
            }

            // Spilling and Parquet exports need their folders named before external access is switched off below.
            var temp = options.TempDirectory ?? fullPath + ".tmp";
            connection.Execute($"SET temp_directory = '{DuckDbCommands.Quote(temp)}'");
            exports = Directory.CreateDirectory(options.ExportDirectory ?? fullPath + ".exports").FullName;
            if (!options.ReadOnly)
            {
                // A store created before its files were kept private is made so as it opens.
                foreach (var file in new[] { fullPath, fullPath + ".wal", temp, exports })
                {
                    PrivateFiles.Tighten(file);
                }
            }

            tenantSearchPath = ValueBounds.Attach(connection, options.MaxValueBytes);
            connection.Execute($"SET allowed_directories = ['{DuckDbCommands.Quote(exports + System.IO.Path.DirectorySeparatorChar)}']");
            memoryLimits.Apply(connection);

            // Nothing here reads or writes files but the store itself and its export folder (which only COPY, refused to
            // tenant SQL, writes), so tenant SQL can never reach any. The first reader locks the configuration.
            connection.Execute("SET enable_external_access = false");
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            throw Unavailable(fullPath, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new DuckDbStore(
            fullPath, connection, exports, tenantSearchPath, options, memoryLimits, time ?? TimeProvider.System, settingColumns, tables);
    }

    private static HashSet<string> TablesOf(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'ac'";
        using var reader = command.ExecuteReader();
        var tables = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private bool Has(string table) => _tables.Contains(table);

    private static StoreUnavailableException Unavailable(string path, DuckDBException ex)
    {
        var message = ex.Message;
        if (message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            var holder = message.IndexOf("PID", StringComparison.Ordinal) is var at and >= 0 ? " (" + message[at..].TrimEnd(')', '.', ' ') + ")" : "";
            return new StoreUnavailableException(
                $"the store {path} is in use by another process{holder}: DuckDB lets one process write a file at a time; " +
                "wait for it to finish or stop it, then try again",
                ex);
        }

        return new StoreUnavailableException($"cannot open the store {path}: {message}", ex);
    }

    /// <inheritdoc />
    public Task<IngestReport> IngestAsync(Stream input, IngestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Write(connection => _memoryLimits.WhileIngesting(connection, () => IngestHoldingWriter(input, options, cancellationToken)));
    }

    private IngestReport IngestHoldingWriter(Stream input, IngestOptions options, CancellationToken cancellationToken) =>
        WithWriterMemory(memory =>
            new EventIngestor(_connection, _options, _time, memory).Ingest(input, options, StoredWindows(_connection, [options]), cancellationToken));

    /// <summary>
    /// The workspaces' own retention windows, read on the writer's connection under its lock, when an input leaves them to
    /// the store to read.
    /// </summary>
    private IReadOnlyDictionary<string, RetentionPeriod>? StoredWindows(DuckDBConnection writer, IEnumerable<IngestOptions> inputs) =>
        inputs.Any(options => options.RetainedFrom?.StoreReadsWindows == true) ? Retentions(writer) : null;

    /// <inheritdoc />
    public PreparedInput Prepare(Stream input, IngestOptions options) => ParsedInput.Read(input, options);

    /// <inheritdoc />
    public Task<IReadOnlyList<IngestReport>> IngestTogetherAsync(IReadOnlyList<PreparedInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var parsed = inputs.Select(i => i as ParsedInput ?? throw new ArgumentException("an input prepared by another store", nameof(inputs))).ToList();
        return Write(connection => WithWriterMemory(memory => new EventIngestor(connection, _options, _time, memory)
            .IngestTogether(parsed, StoredWindows(connection, parsed.Select(input => input.Options)), cancellationToken)));
    }

    /// <summary>Runs a write with what the store remembers between writes, forgotten after a failed one.</summary>
    private T WithWriterMemory<T>(Func<WriterMemory, T> write)
    {
        try
        {
            _timelines ??= NumberedKeys.Timelines(_connection);
            _eventIds ??= StoredEventIds.Load(_connection);
            _deploymentKeys ??= NumberedKeys.Deployments(_connection);
            return write(new WriterMemory(_timelines, _eventIds, _deploymentKeys));
        }
        catch
        {
            (_timelines, _eventIds, _deploymentKeys) = (null, null, null);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<RefreshReport> RefreshAsync(DateTime asOfUtc, CancellationToken cancellationToken = default) =>
        Refresh(null, asOfUtc, cancellationToken);

    /// <inheritdoc />
    public Task<RefreshReport> RefreshAsync(WorkspaceId workspace, DateTime asOfUtc, CancellationToken cancellationToken = default) =>
        Refresh((WorkspaceId?)workspace, asOfUtc, cancellationToken);

    /// <summary>Always true: DuckDB lets one process write the file, so its server is the only one with a schedule.</summary>
    public Task<bool> TryClaimRefreshAsync(DateTime boundaryUtc, CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <summary>A refresh of every workspace, or of <paramref name="only"/> one.</summary>
    private Task<RefreshReport> Refresh(WorkspaceId? only, DateTime asOfUtc, CancellationToken cancellationToken) => Write(connection =>
    {
        // Matching statuses to their deployments only turns them into stored events; no workspace's tables change by it.
        new WhatsAppStatusMatcher(connection, _options, (lines, options) => IngestHoldingWriter(lines, options, cancellationToken))
            .Match(asOfUtc.ToUniversalTime());
        return new Refresher(connection, _options, _time, _commits, ForgetWriterMemory).Refresh(only, asOfUtc.ToUniversalTime(), cancellationToken);
    });

    /// <summary>
    /// Lets go of what the writer remembers (a hash per stored event, the timelines and deployments) and hands the memory
    /// back before a large refresh needs DuckDB's full working set: ingest and refresh then peak apart, not together. The
    /// next ingest reloads it from the store, once per large refresh; a small one (a running server's frequent refreshes)
    /// keeps it.
    /// </summary>
    private void ForgetWriterMemory()
    {
        if (_eventIds is null && _timelines is null && _deploymentKeys is null)
        {
            return;
        }

        (_timelines, _eventIds, _deploymentKeys) = (null, null, null);
        ManagedMemory.HandBack();
    }

    /// <inheritdoc />
    public Task SetInactivityTimeoutAsync(WorkspaceId workspace, InactivityTimeout timeout, CancellationToken cancellationToken = default) =>
        Write(connection => connection.Execute(
            SqlScripts.Get("Workspaces/SetInactivityTimeout.sql"),
            ("ws", workspace.Value), ("timeout_us", timeout.Micros), ("now", _time.GetUtcNow().UtcDateTime)));

    /// <inheritdoc />
    public Task SetTimeZoneAsync(WorkspaceId workspace, WorkspaceTimeZone zone, CancellationToken cancellationToken = default) =>
        Write(connection =>
        {
            // .NET and DuckDB each carry their own copy of the IANA database; a zone only the former knows would fail every report.
            if (!connection.Scalar<bool>(SqlScripts.Get("Workspaces/KnowsTimeZone.sql"), ("tz", zone.Id)))
            {
                throw new ArgumentException($"DuckDB does not know the time zone \"{zone}\", so reports could not use it");
            }

            connection.Execute(
                SqlScripts.Get("Workspaces/SetTimeZone.sql"),
                ("ws", workspace.Value), ("default_timeout_us", InactivityTimeout.Default.Micros), ("tz", zone.Id),
                ("now", _time.GetUtcNow().UtcDateTime));
        });

    /// <inheritdoc />
    public Task SetRetentionAsync(WorkspaceId workspace, RetentionPeriod? period, CancellationToken cancellationToken = default) =>
        Write(connection => connection.Execute(
            SqlScripts.Get("Workspaces/SetRetention.sql"),
            ("ws", workspace.Value), ("default_timeout_us", InactivityTimeout.Default.Micros), ("retention_us", period?.Micros),
            ("now", _time.GetUtcNow().UtcDateTime)));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, RetentionPeriod>> GetRetentionsAsync(CancellationToken cancellationToken = default) =>
        Read(Retentions);

    /// <summary>The workspaces that set their own retention window, read on <paramref name="connection"/>.</summary>
    private IReadOnlyDictionary<string, RetentionPeriod> Retentions(DuckDBConnection connection)
    {
        var retentions = new Dictionary<string, RetentionPeriod>(StringComparer.Ordinal);
        if (!_settingColumns.Contains("retention_us"))
        {
            return retentions;
        }

        using var command = connection.Prepare(SqlScripts.Get("Workspaces/Retentions.sql"));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            retentions[reader.GetString(0)] = RetentionPeriod.FromMicros(reader.GetInt64(1), _options.Retention);
        }

        return retentions;
    }

    /// <inheritdoc />
    public Task<WorkspaceTimeZone> GetTimeZoneAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        if (!_settingColumns.Contains("time_zone"))
        {
            return Task.FromResult(WorkspaceTimeZone.Utc);
        }

        return Read(connection =>
            WorkspaceTimeZone.FromStored(connection.Scalar<string?>(SqlScripts.Get("Workspaces/TimeZone.sql"), ("ws", workspace.Value))));
    }

    /// <inheritdoc />
    public Task<long> DataVersionAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        // A store written before versions existed, opened read-only, cannot change while it is open: one version is enough.
        if (!Has("data_versions"))
        {
            return Task.FromResult(0L);
        }

        return Read(connection => connection.Scalar<long>(SqlScripts.Get("Workspaces/DataVersion.sql"), ("ws", workspace.Value)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkspaceStatus>> GetStatusAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default)
    {
        var sql = SqlScripts.Get("Query/Status.sql");
        foreach (var column in s_settingColumns)
        {
            sql = sql.Replace("{" + column + "}", _settingColumns.Contains(column) ? "ws." + column : "NULL", StringComparison.Ordinal);
        }

        return Read<IReadOnlyList<WorkspaceStatus>>(connection =>
        {
            using var command = connection.Prepare(sql, ("ws", workspace?.Value));
            using var reader = command.ExecuteReader();
            var rows = new WorkspaceStatusReader(reader, _options.Retention);
            var statuses = new List<WorkspaceStatus>();
            while (reader.Read())
            {
                statuses.Add(rows.Current());
            }

            return statuses;
        });
    }

    /// <inheritdoc />
    public Task<T> QueryAsync<T>(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Func<DbDataReader, Task<T>> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return RunTenantAsync(workspace, sql, parameters, _ => sql, async command =>
        {
            command.UseStreamingMode = true;
            await using var reader = command.ExecuteReader();
            return await read(reader);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> ExportParquetAsync(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Stream destination, bool keepRowOrder = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        // The one folder DuckDB may write besides the store (resolved when the store opened, as allowed_directories names it).
        var file = System.IO.Path.Combine(_exportDirectory, $"{Guid.NewGuid():N}.parquet");
        try
        {
            // DuckDB writes the file a row group at a time (small ones: measured to halve the memory of a 2-million-row
            // export); COPY wraps the statement as the guard checked it, canonical, so a trailing comment or semicolon in
            // the tenant's text cannot break the wrapping.
            var rows = await RunTenantAsync(workspace, sql, parameters,
                checkedSql => $"COPY ({checkedSql}) TO '{DuckDbCommands.Quote(file)}' " +
                    $"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 20000{(keepRowOrder ? "" : ", PRESERVE_ORDER false")})",
                command => Task.FromResult((long)command.ExecuteNonQuery()),
                cancellationToken);
            await using (var written = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                await written.CopyToAsync(destination, cancellationToken);
            }

            return rows;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> as <paramref name="workspace"/>: refused unless the guard passes it, then on a connection of
    /// its own whose temp views name only that workspace's rows, in a snapshot of its own, interrupted after the query
    /// timeout. What runs is <c>statement(the guard-checked statement, canonical)</c>, handed to <c>run</c>; the canonical
    /// text is what DuckDB parsed, so a trailing comment or semicolon in the tenant's text cannot break a wrapping.
    /// </summary>
    private async Task<T> RunTenantAsync<T>(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Func<string, string> statement,
        Func<DuckDBCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new QueryRefusedException("the query is empty");
        }

        if (sql.Length > _options.MaxQueryLength)
        {
            throw new QueryRefusedException(
                $"the query is {sql.Length:N0} characters long and at most {_options.MaxQueryLength:N0} may run; shorten it");
        }

        // The query's time limit counts its wait for a turn as well.
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(_options.QueryTimeout);
        try
        {
            await _queryTurns.WaitAsync(timeLimit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new QueryTimedOutException(_options.QueryTimeout);
        }

        try
        {
            return await RunTenantInTurnAsync(workspace, sql, parameters, statement, run, timeLimit.Token, cancellationToken);
        }
        finally
        {
            _queryTurns.Release();
        }
    }

    private async Task<T> RunTenantInTurnAsync<T>(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Func<string, string> statement,
        Func<DuckDBCommand, Task<T>> run, CancellationToken timeLimit, CancellationToken cancellationToken)
    {
        // A connection of its own: its temp views name this workspace's rows and vanish with it. The sandbox settings
        // are the database's: external access off since open, the configuration locked as this reader opened.
        using var tenant = OpenReader();
        var serialized = tenant.Scalar<string>("SELECT json_serialize_sql($sql::VARCHAR)", ("sql", sql));
        var (uploads, uploadViews) = Has("uploads")
            ? new UploadRepository(tenant, _time).Views(workspace)
            : (new HashSet<string>(), "");
        if (TenantSqlGuard.Check(serialized, uploads) is { } refusal)
        {
            throw new QueryRefusedException(refusal);
        }

        tenant.Execute(SqlScripts.Get("Query/TenantViews.sql").Replace("{workspace}", workspace.Value, StringComparison.Ordinal) + uploadViews);
        tenant.Execute(_tenantSearchPath);
        var canonical = tenant.Scalar<string>("SELECT json_deserialize_sql($json::JSON)", ("json", serialized));
        using var command = tenant.CreateCommand();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        }

        await using var interrupt = timeLimit.Register(command.Cancel);
        using var watched = _memoryWatch?.Watch(command);
        try
        {
            RefuseWideResults(command, canonical);
            using var snapshot = TakeSnapshot(tenant);
            command.CommandText = statement(canonical);
            // An interrupt sent before the query starts is forgotten when it starts: a limit already passed stops it here.
            timeLimit.ThrowIfCancellationRequested();
            return await run(command);
        }
        catch (Exception ex) when (watched is { Stopped: true } && ex is DuckDBException or OperationCanceledException)
        {
            throw new QueryFailedException(
                $"the query was stopped: the server's memory passed its limit of {_options.ProcessMemoryLimit / (1 << 20):N0} MB while it ran; " +
                "ask for less at once (fewer rows to aggregate, smaller values, a date range)", ex);
        }
        catch (Exception ex) when (timeLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && ex is DuckDBException or OperationCanceledException)
        {
            // An interrupt surfaces as either, depending on whether it hit execution or reading.
            throw new QueryTimedOutException(_options.QueryTimeout);
        }
        catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (DuckDBException ex)
        {
            throw new QueryFailedException("the query could not run: " + ex.Message, ex);
        }
    }

    /// <summary>Refuses a result wider than <see cref="DuckDbStoreOptions.MaxResultColumns"/>, from its description: before any row is made.</summary>
    private void RefuseWideResults(DuckDBCommand command, string canonical)
    {
        command.CommandText = $"SELECT count(*) FROM (DESCRIBE {canonical})";
        var columns = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (columns > _options.MaxResultColumns)
        {
            throw new QueryRefusedException(
                $"the query's result has {columns:N0} columns and at most {_options.MaxResultColumns:N0} may be returned; select fewer");
        }
    }

    /// <inheritdoc />
    public async Task<T> ReadRejectionsAsync<T>(WorkspaceId? workspace, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var connection = OpenReader();
        using var command = connection.Prepare(SqlScripts.Get("Query/Rejections.sql"), ("ws", workspace?.Value));
        command.UseStreamingMode = true;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await read(reader);
    }

    /// <inheritdoc />
    public Task<CreatedApiKey> CreateKeyAsync(WorkspaceId workspace, string name, KeyScope scope, CancellationToken cancellationToken = default) =>
        Write(connection => new ApiKeyRepository(connection, _time).Create(workspace, name, scope));

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default)
    {
        if (!Has("api_keys"))
        {
            return Task.FromResult<IReadOnlyList<ApiKeyInfo>>([]);
        }

        return Read(connection => new ApiKeyRepository(connection, _time).List(workspace));
    }

    /// <inheritdoc />
    public Task<bool> RevokeKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        Write(connection => new ApiKeyRepository(connection, _time).Revoke(keyId));

    /// <inheritdoc />
    public Task<ApiKeyInfo?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        // Malformed text is refused before any connection is opened: a flood of junk keys costs no database work.
        if (!Has("api_keys") || ApiKeyFormat.Parse(presentedKey) is null)
        {
            return Task.FromResult<ApiKeyInfo?>(null);
        }

        return Read(connection => new ApiKeyRepository(connection, _time).Authenticate(presentedKey));
    }

    /// <inheritdoc />
    public Task SaveLineAsync(WhatsAppLine line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Write(connection =>
        {
            new WhatsAppRepository(connection, _time).SaveLine(line);
            ForgetLines();
        });
    }

    /// <inheritdoc />
    public Task<bool> SaveLinkCodeAsync(string phoneNumberId, WhatsAppLinkCode code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Write(connection =>
        {
            var saved = new WhatsAppRepository(connection, _time).SaveLinkCode(phoneNumberId, code);
            ForgetLines();
            return saved;
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WhatsAppLine>> ListLinesAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<WhatsAppLine> lines;
        lock (_linesCache)
        {
            if (_lines is null)
            {
                using var connection = OpenReader();
                _lines = new WhatsAppRepository(connection, _time).List();
            }

            lines = _lines;
        }

        return Task.FromResult<IReadOnlyList<WhatsAppLine>>(workspace is null ? lines : [.. lines.Where(line => line.Workspace == workspace)]);
    }

    private void ForgetLines()
    {
        lock (_linesCache)
        {
            _lines = null;
        }
    }

    /// <inheritdoc />
    public Task KeepWebhookDeliveryAsync(
        IReadOnlyList<WhatsAppStatus> statuses, IReadOnlyList<WebhookRejection> rejections, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(rejections);
        if (statuses.Count == 0 && rejections.Count == 0)
        {
            return Task.CompletedTask;
        }

        return Write(connection => new WhatsAppRepository(connection, _time).Keep(statuses, rejections, source));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SavedQuery>> ListSavedQueriesAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) =>
        Read(connection => new SavedQueryRepository(connection, _time).List(workspace));

    /// <inheritdoc />
    public Task<SavedQuery> SaveQueryAsync(WorkspaceId workspace, string name, string sql, Actor by, CancellationToken cancellationToken = default) =>
        Write(connection => new SavedQueryRepository(connection, _time).Save(workspace, name, sql, by));

    /// <inheritdoc />
    public Task<bool> DeleteSavedQueryAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default) =>
        Write(connection => new SavedQueryRepository(connection, _time).Delete(workspace, id));

    /// <inheritdoc />
    public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        Write(connection => new AuditLogRepository(connection, _time, _options.AuditRetention).Record(record));

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(
        WorkspaceId workspace, DateTime? sinceUtc, long? before, int limit, CancellationToken cancellationToken = default)
    {
        if (!Has("audit_log"))
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>([]);
        }

        return Read(connection => new AuditLogRepository(connection, _time, _options.AuditRetention).Read(workspace, sinceUtc, before, limit));
    }

    /// <inheritdoc />
    public Task<Subscription> AddSubscriptionAsync(NewSubscription subscription, CancellationToken cancellationToken = default) =>
        Write(connection => new SubscriptionRepository(connection, _time).Add(subscription));

    /// <inheritdoc />
    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        Read(connection => new SubscriptionRepository(connection, _time).List(workspace, Has("audit_log")));

    /// <inheritdoc />
    public Task<bool> RemoveSubscriptionAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default) =>
        Write(connection => new SubscriptionRepository(connection, _time).Remove(workspace, id));

    /// <inheritdoc />
    public Task<Delivery?> TryClaimDeliveryAsync(
        Subscription subscription, DateTime slotUtc, string claimant, DateTime leaseUntilUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return Write(connection => new SubscriptionRepository(connection, _time).TryClaim(subscription, slotUtc, claimant, leaseUntilUtc));
    }

    /// <inheritdoc />
    public Task FinishDeliveryAsync(
        string subscriptionId, DateTime slotUtc, SendStatus status, string? reason, CancellationToken cancellationToken = default) =>
        Write(connection => new SubscriptionRepository(connection, _time).Finish(subscriptionId, slotUtc, status, reason));

    /// <inheritdoc />
    public Task<IReadOnlyList<Delivery>> ListAbandonedDeliveriesAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        Read(connection => new SubscriptionRepository(connection, _time).Abandoned(nowUtc));

    /// <inheritdoc />
    public Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(
        WorkspaceId workspace, string? subscriptionId, int limit, CancellationToken cancellationToken = default) =>
        Read(connection => new SubscriptionRepository(connection, _time).History(workspace, subscriptionId, limit));

    /// <inheritdoc />
    public Task<Alert> AddAlertAsync(NewAlert alert, CancellationToken cancellationToken = default) =>
        Write(connection => new AlertRepository(connection, _time).Add(alert));

    /// <inheritdoc />
    public Task<IReadOnlyList<Alert>> ListAlertsAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        Read(connection => new AlertRepository(connection, _time).List(workspace));

    /// <inheritdoc />
    public Task<bool> RemoveAlertAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default) =>
        Write(connection => new AlertRepository(connection, _time).Remove(workspace, id));

    /// <inheritdoc />
    public Task<bool> TryRecordCheckAsync(
        Alert alert, DateTime asOfUtc, AlertState state, double? value, string claimant, DateTime leaseUntilUtc,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Write(connection => new AlertRepository(connection, _time).TryRecordCheck(alert, asOfUtc, state, value, claimant, leaseUntilUtc));
    }

    /// <inheritdoc />
    public Task<AlertTransition?> TryClaimTransitionAsync(
        string alertId, DateTime asOfUtc, string claimant, DateTime leaseUntilUtc, CancellationToken cancellationToken = default) =>
        Write(connection => new AlertRepository(connection, _time).TryClaim(alertId, asOfUtc, claimant, leaseUntilUtc));

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertTransition>> ListAbandonedTransitionsAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        Read(connection => new AlertRepository(connection, _time).Abandoned(nowUtc));

    /// <inheritdoc />
    public Task FinishTransitionAsync(string alertId, DateTime asOfUtc, SendStatus status, string? reason, CancellationToken cancellationToken = default) =>
        Write(connection => new AlertRepository(connection, _time).Finish(alertId, asOfUtc, status, reason));

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertTransition>> ListAlertHistoryAsync(
        WorkspaceId workspace, string? alertId, int limit, CancellationToken cancellationToken = default) =>
        Read(connection => new AlertRepository(connection, _time).History(workspace, alertId, limit));

    /// <inheritdoc />
    public Task<WorkspaceUser> AddUserAsync(WorkspaceId workspace, string email, WorkspaceRole role, CancellationToken cancellationToken = default) =>
        Write(connection => new UserRepository(connection, _time).Add(workspace, email, role));

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkspaceUser>> ListUsersAsync(WorkspaceId? workspace = null, CancellationToken cancellationToken = default) =>
        Read(connection => new UserRepository(connection, _time).List(workspace));

    /// <inheritdoc />
    public Task<WorkspaceUser?> FindUserAsync(string userId, CancellationToken cancellationToken = default) =>
        Read(connection => new UserRepository(connection, _time).Find(userId));

    /// <inheritdoc />
    public Task<StoredPassword?> FindPasswordAsync(string email, CancellationToken cancellationToken = default) =>
        Read(connection => new UserRepository(connection, _time).FindPassword(email));

    /// <inheritdoc />
    public Task<bool> SetRoleAsync(WorkspaceId workspace, string userId, WorkspaceRole role, CancellationToken cancellationToken = default) =>
        Write(connection => new UserRepository(connection, _time).SetRole(workspace, userId, role));

    /// <inheritdoc />
    public Task<bool> RemoveUserAsync(WorkspaceId workspace, string userId, CancellationToken cancellationToken = default) =>
        Write(connection => new UserRepository(connection, _time).Remove(workspace, userId));

    /// <inheritdoc />
    public Task<IssuedPasswordLink> IssuePasswordLinkAsync(
        WorkspaceId workspace, string userId, PasswordLinkKind kind, TimeSpan lifetime, CancellationToken cancellationToken = default) =>
        Write(connection => new UserRepository(connection, _time).IssueLink(workspace, userId, kind, lifetime));

    /// <inheritdoc />
    public Task<WorkspaceUser?> FindPasswordLinkAsync(string token, CancellationToken cancellationToken = default) =>
        Read(connection => new UserRepository(connection, _time).FindLink(token));

    /// <inheritdoc />
    public Task<WorkspaceUser?> RedeemPasswordLinkAsync(string token, string passwordHash, CancellationToken cancellationToken = default) =>
        Write(connection => new UserRepository(connection, _time).Redeem(token, passwordHash));

    /// <inheritdoc />
    public Task<CreatedShareLink> CreateShareLinkAsync(
        WorkspaceId workspace, string report, string filters, DateTime expiresAtUtc, CancellationToken cancellationToken = default) =>
        Write(connection => new ShareLinkRepository(connection, _time).Create(workspace, report, filters, expiresAtUtc));

    /// <inheritdoc />
    public Task<IReadOnlyList<ShareLink>> ListShareLinksAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) =>
        Read(connection => new ShareLinkRepository(connection, _time).List(workspace));

    /// <inheritdoc />
    public Task<bool> RevokeShareLinkAsync(WorkspaceId workspace, string id, CancellationToken cancellationToken = default) =>
        Write(connection => new ShareLinkRepository(connection, _time).Revoke(workspace, id));

    /// <inheritdoc />
    public Task<ShareLink?> FindShareLinkAsync(string token, CancellationToken cancellationToken = default) =>
        Read(connection => new ShareLinkRepository(connection, _time).Find(token));

    /// <inheritdoc />
    public Task<CreatedEmbedKey> AddEmbedKeyAsync(string host, WorkspaceId? workspace, CancellationToken cancellationToken = default) =>
        Write(connection => new EmbedKeyRepository(connection, _time).Add(host, workspace));

    /// <inheritdoc />
    public Task<UploadInfo> UploadAsync(
        WorkspaceId workspace, UploadedTable table, UploadMode mode, UploadLimits limits, CancellationToken cancellationToken = default) =>
        Write(connection => new UploadRepository(connection, _time).Upload(workspace, table, mode, limits));

    /// <inheritdoc />
    public Task<IReadOnlyList<EmbedKey>> ListEmbedKeysAsync(WorkspaceId? workspace, CancellationToken cancellationToken = default) =>
        Read(connection => new EmbedKeyRepository(connection, _time).List(workspace));

    /// <inheritdoc />
    public Task<bool> RevokeEmbedKeyAsync(string host, string keyId, WorkspaceId? workspace, CancellationToken cancellationToken = default) =>
        Write(connection => new EmbedKeyRepository(connection, _time).Revoke(host, keyId, workspace));

    /// <inheritdoc />
    public Task<CreatedEmbedKey?> FindEmbedKeyAsync(string host, string keyId, CancellationToken cancellationToken = default) =>
        Read(connection => new EmbedKeyRepository(connection, _time).Find(host, keyId));

    /// <inheritdoc />
    public Task<bool> UseEmbedTokenAsync(string host, string tokenId, DateTime keepUntilUtc, CancellationToken cancellationToken = default) =>
        Write(connection => new EmbedKeyRepository(connection, _time).Use(host, tokenId, keepUntilUtc));

    /// <inheritdoc />
    public Task<IReadOnlyList<UploadInfo>> ListUploadsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
    {
        if (!Has("uploads"))
        {
            return Task.FromResult<IReadOnlyList<UploadInfo>>([]);
        }

        return Read(connection => new UploadRepository(connection, _time).List(workspace));
    }

    /// <inheritdoc />
    public Task<bool> DeleteUploadAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken = default) =>
        Write(connection => new UploadRepository(connection, _time).Delete(workspace, name));

    /// <summary>
    /// Starts a transaction on <paramref name="tenant"/> whose snapshot is taken now, between two refresh commits (DuckDB
    /// (1.5) can show a statement that starts during a commit the new rows without the deleted old ones), and holds the
    /// commit lock only for that instant: whatever then runs in the transaction, however long (a big sort, an export),
    /// reads that snapshot, and a refresh commits meanwhile without waiting for it, nor the queries after it.
    /// </summary>
    private DuckDBTransaction TakeSnapshot(DuckDBConnection tenant)
    {
        var transaction = tenant.BeginTransaction();
        try
        {
            // DuckDB fixes a transaction's snapshot when it first reads the database, not at BEGIN.
            _commits.EnterReadLock();
            try
            {
                tenant.Execute(SqlScripts.Get("Query/TakeSnapshot.sql"));
            }
            finally
            {
                _commits.ExitReadLock();
            }

            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="write"/> on the store's one writing connection, one writer at a time.</summary>
    private Task<T> Write<T>(Func<DuckDBConnection, T> write)
    {
        lock (_writer)
        {
            return Task.FromResult(write(_connection));
        }
    }

    /// <inheritdoc cref="Write{T}(Func{DuckDBConnection, T})"/>
    private Task Write(Action<DuckDBConnection> write)
    {
        lock (_writer)
        {
            write(_connection);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="read"/> on a connection of its own, so a read never waits for the writer.</summary>
    private Task<T> Read<T>(Func<DuckDBConnection, T> read)
    {
        using var connection = OpenReader();
        return Task.FromResult(read(connection));
    }

    /// <summary>A connection of the caller's own to the open database (cheap: it shares the database instance).</summary>
    private DuckDBConnection OpenReader()
    {
        var connection = new DuckDBConnection(_connectionString);
        try
        {
            connection.Open();
            _memoryLimits.Lock(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _commits.Dispose();
        _queryTurns.Dispose();
        _memoryWatch?.Dispose();
    }
}
