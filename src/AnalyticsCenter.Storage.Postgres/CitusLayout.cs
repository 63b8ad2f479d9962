using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The store's tables laid out for Citus (<c>Sql/Citus/Distribute.sql</c>): on a coordinator, what grows with events is
/// sharded by workspace and the small tables a worker needs are copied to every node. The schema is the same otherwise, so
/// everything else in the store runs unchanged.
/// </summary>
internal static class CitusLayout
{
    /// <summary>What the database is to Citus.</summary>
    public static async Task<CitusState> StateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!await connection.ScalarAsync<bool>("Citus/Present.sql", cancellationToken))
        {
            return CitusState.Absent;
        }

        // A second statement: pg_dist_partition exists only with the extension.
        return await connection.ScalarAsync<bool>("Citus/Distributed.sql", cancellationToken) ? CitusState.Distributed : CitusState.Plain;
    }

    /// <summary>Distributes the store's tables, with their rows, in one transaction; the schema must be current.</summary>
    public static async Task DistributeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("Citus/Distribute.sql", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
