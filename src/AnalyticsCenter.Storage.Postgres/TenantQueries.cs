using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using AnalyticsCenter.Core.Events;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Tenant SQL on PostgreSQL. Each workspace's statement runs on a connection that logs in as that workspace's own role
/// (created on first use), which reads its own views and nothing else: the database is the wall, and the text check in
/// front (<see cref="TenantSqlText"/>) only refuses early and in words. Each statement runs in a read-only transaction
/// that is rolled back, under a statement timeout; a workspace's connections come from a small pool of its own.
/// </summary>
public sealed class TenantQueries : ITenantQueries, IAsyncDisposable
{
    private readonly TenantAccessOptions _options;
    private readonly TenantRoles _roles;

    /// <summary>The workspace's uploaded tables, which its SQL may name besides the two tables.</summary>
    private readonly WorkspaceUploads _uploads;
    private readonly SemaphoreSlim _queryTurns;
    private readonly ConcurrentDictionary<WorkspaceId, Lazy<Task<NpgsqlDataSource>>> _sources = new();

    /// <param name="store">The store's data source: an ordinary role with CREATEROLE that owns the database.</param>
    /// <param name="options">The limits; null for the defaults.</param>
    /// <param name="time">Stamps the roles' creation.</param>
    public TenantQueries(NpgsqlDataSource store, TenantAccessOptions? options, TimeProvider time)
    {
        _options = options ?? new TenantAccessOptions();
        _roles = new TenantRoles(store, _options, time);
        _uploads = new WorkspaceUploads(store, time);
        _queryTurns = new SemaphoreSlim(_options.MaxConcurrentQueries);
    }

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.PostgreSql;

    /// <inheritdoc />
    /// <remarks>Parameters are written <c>@name</c> in the statement; the dictionary's keys are the names without the sign.</remarks>
    public Task<T> QueryAsync<T>(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Func<DbDataReader, Task<T>> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return RunAsync(workspace, sql, parameters, read, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Rows are written in the order the statement returns them, so <paramref name="keepRowOrder"/> changes nothing here.</remarks>
    public Task<long> ExportParquetAsync(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Stream destination, bool keepRowOrder = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return RunAsync(workspace, sql, parameters,
            reader => ParquetExport.WriteAsync(reader, destination, _options.ParquetRowGroupRows, cancellationToken), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully))
        {
            await (await source.Value).DisposeAsync();
        }

        _queryTurns.Dispose();
    }

    private async Task<T> RunAsync<T>(
        WorkspaceId workspace, string sql, IReadOnlyDictionary<string, object?> parameters, Func<DbDataReader, Task<T>> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var uploads = await _uploads.NamesAsync(workspace, cancellationToken);
        if (TenantSqlText.Check(sql ?? "", _options.MaxQueryLength, out var statement, uploads) is { } refusal)
        {
            throw new QueryRefusedException(refusal);
        }

        // The time limit counts the wait for a turn; the server's statement timeout is the limit that cannot be missed.
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(_options.QueryTimeout);
        var inTurn = false;
        try
        {
            await _queryTurns.WaitAsync(timeLimit.Token);
            inTurn = true;
            var source = await SourceAsync(workspace, timeLimit.Token);
            await using var connection = await source.OpenConnectionAsync(timeLimit.Token);
            await using var transaction = await connection.BeginTransactionAsync(timeLimit.Token);
            await using (var begin = new NpgsqlCommand(SqlScripts.Get("Tenant/BeginQuery.sql"), connection, transaction))
            {
                begin.Parameters.AddWithValue("timeout", ((long)_options.QueryTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
                begin.Parameters.AddWithValue("max_value_bytes", _options.MaxValueBytes.ToString(CultureInfo.InvariantCulture));
                await begin.ExecuteNonQueryAsync(timeLimit.Token);
            }

            await using var command = new NpgsqlCommand(statement, connection, transaction);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, PgCommands.Value(value));
            }

            await RefuseWideResultsAsync(command, timeLimit.Token);
            await using var reader = await command.ExecuteReaderAsync(timeLimit.Token);
            // Never committed: disposing the transaction rolls back whatever a function managed to write (a large object).
            return await read(reader);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTimeout(ex, timeLimit.IsCancellationRequested))
        {
            throw new QueryTimedOutException(_options.QueryTimeout);
        }
        catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Translate(ex);
        }
        finally
        {
            if (inTurn)
            {
                _queryTurns.Release();
            }
        }
    }

    /// <summary>Refuses a result wider than the limit from its description (parse and describe, not run): before any row is made.</summary>
    private async Task RefuseWideResultsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        int columns;
        await using (var description = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken))
        {
            columns = description.FieldCount;
        }

        if (columns > _options.MaxResultColumns)
        {
            throw new QueryRefusedException(
                $"the query's result has {columns:N0} columns and at most {_options.MaxResultColumns:N0} may be returned; select fewer");
        }
    }

    /// <summary>The workspace's pool, logging in as its role; the role is made on first use, once per process.</summary>
    private async Task<NpgsqlDataSource> SourceAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var entry = _sources.GetOrAdd(workspace, w => new Lazy<Task<NpgsqlDataSource>>(async () =>
        {
            var role = await _roles.QueryRoleAsync(w, CancellationToken.None);
            return NpgsqlDataSource.Create(_roles.ConnectionStringFor(role, _options.MaxConcurrentQueries));
        }));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            // A failure (the store unreachable) is not kept: the next query tries again.
            _sources.TryRemove(KeyValuePair.Create(workspace, entry));
            throw;
        }
    }

    /// <summary>Whether <paramref name="ex"/> is the statement timeout, or the time limit's cancellation of the wait or the call.</summary>
    private static bool IsTimeout(Exception ex, bool limitReached) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }
        || limitReached && ex is OperationCanceledException or TimeoutException or NpgsqlException { InnerException: TimeoutException };

    /// <summary>
    /// The server's refusal in the store's words. As on DuckDB, what is not valid SQL or names a table the workspace does not
    /// have is refused (the role sees no relation but its own views and the catalogs, which the text check refuses), while
    /// a valid statement that cannot run (an unknown column, a bad cast) fails.
    /// </summary>
    private static Exception Translate(PostgresException ex) => ex.SqlState switch
    {
        PostgresErrorCodes.SyntaxError => new QueryRefusedException("the query is not valid SQL: " + ex.MessageText),
        PostgresErrorCodes.UndefinedTable => new QueryRefusedException(
            $"{ex.MessageText}: a query sees only sessions, deployments and the CTEs of the WITH clauses around it"),
        PostgresErrorCodes.InsufficientPrivilege => new QueryRefusedException(
            $"the query reaches beyond the workspace's tables: {ex.MessageText}; a query reads only sessions and deployments"),
        PostgresErrorCodes.ReadOnlySqlTransaction => new QueryRefusedException(
            $"the query tries to change something: {ex.MessageText}; tenant queries only read"),
        PostgresErrorCodes.TooManyConnections => new QueryFailedException(
            "the workspace has as many queries running as it may have at once; try again when one has finished", ex),
        _ => new QueryFailedException("the query could not run: " + ex.MessageText, ex),
    };
}
