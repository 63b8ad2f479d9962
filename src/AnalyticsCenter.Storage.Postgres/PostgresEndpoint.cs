using System.Net.Sockets;
using AnalyticsCenter.Core.Storage;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// Where a store's database is (host, port, database, user; never the password), and the one line a failure to use it
/// becomes: every way of not getting in says which server and database it was.
/// </summary>
internal sealed class PostgresEndpoint(string host, int port, string database, string user)
{
    public static PostgresEndpoint Of(NpgsqlConnectionStringBuilder builder) =>
        new(builder.Host ?? "localhost", builder.Port, builder.Database ?? builder.Username ?? "", builder.Username ?? Environment.UserName);

    /// <summary>What <c>status</c> prints: <c>PostgreSQL user@host:port/database</c>.</summary>
    public string Description => $"PostgreSQL {user}@{host}:{port}/{database}";

    private string Where => $"database {database} on PostgreSQL at {host}:{port}";

    /// <summary>
    /// Whether <paramref name="failure"/> means the database cannot be used (unreachable, gone, refusing the role or its
    /// rights, failing to read or write, as a Citus coordinator reports a worker it cannot copy to), not that one
    /// statement failed.
    /// </summary>
    public static bool MeansUnavailable(NpgsqlException failure) => failure is not PostgresException pg
        || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("28", StringComparison.Ordinal)
        || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
        || pg.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.TooManyConnections
        || pg.SqlState is PostgresErrorCodes.IoError
        || LostWorker(pg) is not null || WorkerFailed(pg);

    /// <summary>
    /// The Citus worker (host:port) whose connection a coordinator lost mid-statement, or null. Citus reports that loss as an
    /// internal error (no SQLSTATE came back) with libpq's words and the context "while executing command on host:port".
    /// </summary>
    private static string? LostWorker(PostgresException pg) =>
        pg.SqlState == PostgresErrorCodes.InternalError
        && (pg.MessageText.Contains("connection", StringComparison.Ordinal) || pg.MessageText.Contains("socket", StringComparison.Ordinal))
        && pg.Where?.Split('\n').LastOrDefault(line => line.StartsWith(RemoteContext, StringComparison.Ordinal)) is { } context
            ? context[RemoteContext.Length..]
            : null;

    private const string RemoteContext = "while executing command on ";

    /// <summary>
    /// Whether a Citus coordinator could not reach a shard's worker to copy to it, or could not commit on one (internal
    /// errors too, said in words): the transaction is rolled back where it can be, and a worker may or may not have kept
    /// its part of a commit, so the caller is told to try again later (an event's key makes sending it again safe).
    /// </summary>
    private static bool WorkerFailed(PostgresException pg) =>
        pg.SqlState == PostgresErrorCodes.InternalError
        && (pg.MessageText.StartsWith("could not commit transaction for shard ", StringComparison.Ordinal)
            || pg.MessageText.StartsWith("failed to prepare transaction ", StringComparison.Ordinal)
            || pg.MessageText == "could not connect to any active placements");

    /// <summary>A failure to open or to prepare the store, as one line naming host, port and database.</summary>
    public StoreUnavailableException Unavailable(Exception failure) => new(failure switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
            $"{Where}: the server refused user {user}'s credentials",
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => $"{Where}: the database does not exist",
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pg =>
            $"{Where}: user {user} lacks the rights the store needs (it must own the database): {pg.MessageText}",
        PostgresException pg when LostWorker(pg) is { } worker =>
            $"{Where}: the connection to the worker at {worker} was lost ({pg.MessageText.Split('\n')[0].Trim()})",
        PostgresException pg => $"{Where}: {pg.MessageText}",
        NpgsqlException { InnerException: SocketException socket } => $"{Where}: cannot reach the server ({socket.Message})",
        NpgsqlException { InnerException: TimeoutException } => $"{Where}: the server did not answer in time",
        _ => $"{Where}: {failure.Message}",
    }, failure);
}
