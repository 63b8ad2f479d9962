using Npgsql;

namespace AnalyticsCenter.Storage.Postgres.Tests;

/// <summary>
/// A Citus coordinator that loses a worker's connection mid-statement reports an internal error naming the worker in its
/// context, one that cannot commit on a worker says so in words, and one whose copy to a worker fails reports an I/O error:
/// the store takes each as a store that cannot be used now, as it does for a worker it cannot reach at all.
/// </summary>
public sealed class LostWorkerTests
{
    private const string Lost = "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n"
        + "\tbefore or while processing the request.\ninvalid socket";

    private static readonly PostgresEndpoint s_coordinator = new("127.0.0.1", 5432, "analytics", "analytics");

    [Fact]
    public void A_connection_lost_to_a_worker_mid_statement_is_an_unavailable_store_naming_the_worker()
    {
        var failure = new PostgresException(Lost, "ERROR", "ERROR", PostgresErrorCodes.InternalError, where: "while executing command on 127.0.0.1:9702");

        Assert.True(PostgresEndpoint.MeansUnavailable(failure));
        Assert.Equal(
            "database analytics on PostgreSQL at 127.0.0.1:5432: the connection to the worker at 127.0.0.1:9702 was lost "
            + "(server closed the connection unexpectedly)",
            s_coordinator.Unavailable(failure).Message);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.InternalError, "could not commit transaction for shard 102008 on any active node")]
    [InlineData(PostgresErrorCodes.InternalError, "failed to prepare transaction 'citus_0_4242_7_1' on host 127.0.0.1:9702")]
    [InlineData(PostgresErrorCodes.InternalError, "could not connect to any active placements")]
    [InlineData(PostgresErrorCodes.IoError, "failed to COPY to shard 102008 on 127.0.0.1:9702")]
    [InlineData(PostgresErrorCodes.IoError, "failed to complete COPY on 127.0.0.1:9702")]
    public void A_worker_failing_to_take_a_copy_or_a_commit_is_an_unavailable_store(string sqlState, string message)
    {
        var failure = new PostgresException(message, "ERROR", "ERROR", sqlState);

        Assert.True(PostgresEndpoint.MeansUnavailable(failure));
        Assert.Equal($"database analytics on PostgreSQL at 127.0.0.1:5432: {message}", s_coordinator.Unavailable(failure).Message);
    }

    [Fact]
    public void Another_internal_error_or_one_without_a_worker_is_a_failed_statement()
    {
        Assert.False(PostgresEndpoint.MeansUnavailable(new PostgresException(
            "could not find array type", "ERROR", "ERROR", PostgresErrorCodes.InternalError, where: "while executing command on 127.0.0.1:9702")));
        Assert.False(PostgresEndpoint.MeansUnavailable(new PostgresException(Lost, "ERROR", "ERROR", PostgresErrorCodes.InternalError)));
    }
}
