using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace AnalyticsCenter.Storage.Postgres;

/// <summary>
/// The store's schema as ordered scripts (<c>Sql/Migrations/NNN_name.sql</c>): each missing one runs in a transaction of its
/// own that also records its version in <c>analytics.schema_migrations</c>, so a store written by an older version is
/// upgraded in place and one stopped midway resumes at the script it was in. A session advisory lock makes concurrent
/// openers take turns: the first upgrades, the others find it done. A schema made on a Citus coordinator is then laid out
/// for Citus (<see cref="CitusLayout"/>); an existing store is left as it is until it is distributed on purpose.
/// </summary>
internal static partial class SchemaMigrations
{
    /// <summary>The advisory lock key of schema changes (any fixed number; the store takes no other lock of this value).</summary>
    private const long LockKey = 0x616e616c79746963;

    /// <summary>Every script the program knows, by version.</summary>
    public static IReadOnlyList<(int Version, string Resource)> Known { get; } = typeof(SchemaMigrations).Assembly.GetManifestResourceNames()
        .Select(name => MigrationName().Match(name))
        .Where(match => match.Success)
        .Select(match => (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Value))
        .OrderBy(script => script.Item1)
        .ToList();

    public static int Latest => Known[^1].Version;

    /// <summary>Brings the schema to <paramref name="upTo"/> (default: the latest); refuses a schema newer than the program.</summary>
    /// <exception cref="NewerSchemaException">The database holds a version the program does not know.</exception>
    public static Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken, int? upTo = null) =>
        UnderLockAsync(connection, async () =>
        {
            var current = await CurrentAsync(connection, cancellationToken);
            if (current > Latest)
            {
                throw new NewerSchemaException(current, Latest);
            }

            var distributed = current > 0 && await CitusLayout.StateAsync(connection, cancellationToken) == CitusState.Distributed;
            foreach (var (version, resource) in Known.Where(s => s.Version > current && s.Version <= (upTo ?? Latest)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (distributed)
                {
                    await Execute(connection, SqlScripts.Get("Citus/SequentialChanges.sql"), cancellationToken);
                }

                await Execute(connection, SqlScripts.Get(resource), cancellationToken);
                await Execute(connection, SqlScripts.Get("Store/RecordMigration.sql"), cancellationToken, ("version", version), ("name", resource));
                await transaction.CommitAsync(cancellationToken);
            }

            if (current == 0 && upTo is null && await CitusLayout.StateAsync(connection, cancellationToken) == CitusState.Plain)
            {
                await CitusLayout.DistributeAsync(connection, cancellationToken);
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> holding the schema's advisory lock, so schema changes (an upgrade, distributing the
    /// store) never overlap: a second one waits, then finds the work done.
    /// </summary>
    public static async Task<T> UnderLockAsync<T>(NpgsqlConnection connection, Func<Task<T>> change, CancellationToken cancellationToken)
    {
        await Execute(connection, SqlScripts.Get("Store/LockSchema.sql"), cancellationToken, ("key", LockKey));
        try
        {
            return await change();
        }
        finally
        {
            // A connection the change broke has lost its session and the lock with it; unlocking there would only hide
            // the change's own error behind "connection is not open".
            if (connection.State == ConnectionState.Open)
            {
                await Execute(connection, SqlScripts.Get("Store/UnlockSchema.sql"), CancellationToken.None, ("key", LockKey));
            }
        }
    }

    /// <summary>The version the database holds: 0 for an empty one.</summary>
    public static async Task<int> CurrentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Two statements: one naming a missing table fails to parse, whatever guards it.
        await using var has = new NpgsqlCommand(SqlScripts.Get("Store/HasSchema.sql"), connection);
        if (!(bool)(await has.ExecuteScalarAsync(cancellationToken))!)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(SqlScripts.Get("Store/SchemaVersion.sql"), connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Runs <paramref name="sql"/>; a script with no parameters goes as it is, so its text is never rewritten.</summary>
    private static async Task Execute(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"^Migrations/(\d{3})_[a-z0-9_]+\.sql$")]
    private static partial Regex MigrationName();
}
