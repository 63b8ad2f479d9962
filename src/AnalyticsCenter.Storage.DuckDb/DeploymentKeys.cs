using System.Buffers;
using System.Text;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The number of every stored (workspace, deployment id), which <c>ac.events.deployment_key</c> keeps: refresh scans
/// compare it instead of decompressing the text, and since no two stored pairs share one, comparing numbers is exact.
/// New pairs take the next numbers, so the column packs into few bits. Kept by the store's writer between ingests, like
/// the timeline ids; a pair whose events were all purged is forgotten at the next load, and its number may then go to
/// another.
/// </summary>
internal sealed class DeploymentKeys
{
    /// <summary>Each pair as the workspace's UTF-8 bytes, a NUL (never in a workspace id), and the deployment id's.</summary>
    private readonly Dictionary<byte[], long> _keys = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], long>.AlternateLookup<ReadOnlySpan<byte>> _byPair;
    private long _last;

    private DeploymentKeys() => _byPair = _keys.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>Loads every stored key; events stored before the column existed are keyed now, in their own transaction.</summary>
    public static DeploymentKeys Load(DuckDBConnection connection)
    {
        var keys = new DeploymentKeys();
        using (var command = connection.Prepare(SqlScripts.Get("Ingest/DeploymentKeys.sql")))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = reader.GetInt64(0);
                keys._keys[Pair(Encoding.UTF8.GetBytes(reader.GetString(1)), Encoding.UTF8.GetBytes(reader.GetString(2)))] = key;
                keys._last = Math.Max(keys._last, key);
            }
        }

        keys.KeyUnkeyed(connection);
        return keys;
    }

    /// <summary>Keys the events stored before the column existed, when there are any, so every statement can rely on it.</summary>
    public static void KeyOlderEvents(DuckDBConnection connection)
    {
        if (connection.Scalar<long>(SqlScripts.Get("Ingest/CountUnkeyed.sql")) > 0)
        {
            Load(connection);
        }
    }

    /// <summary>The key of (<paramref name="workspace"/>, <paramref name="deploymentId"/>), given the next one if it has none.</summary>
    public long Get(ReadOnlySpan<byte> workspace, ReadOnlySpan<byte> deploymentId)
    {
        var length = workspace.Length + 1 + deploymentId.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var pair = rented.AsSpan(0, length);
            workspace.CopyTo(pair);
            pair[workspace.Length] = 0;
            deploymentId.CopyTo(pair[(workspace.Length + 1)..]);
            if (!_byPair.TryGetValue(pair, out var key))
            {
                key = ++_last;
                _keys[pair.ToArray()] = key;
            }

            return key;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static byte[] Pair(byte[] workspace, byte[] deploymentId) => [.. workspace, 0, .. deploymentId];

    private void KeyUnkeyed(DuckDBConnection connection)
    {
        var unkeyed = new List<(long Seq, long Key)>();
        using (var command = connection.Prepare(SqlScripts.Get("Ingest/UnkeyedDeployments.sql")))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                unkeyed.Add((reader.GetInt64(0), Get(Encoding.UTF8.GetBytes(reader.GetString(1)), Encoding.UTF8.GetBytes(reader.GetString(2)))));
            }
        }

        if (unkeyed.Count == 0)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        connection.Execute("CREATE TEMP TABLE deployment_key_fill (seq BIGINT NOT NULL, deployment_key BIGINT NOT NULL)");
        using (var appender = connection.CreateAppender("temp", "main", "deployment_key_fill"))
        {
            foreach (var (seq, key) in unkeyed)
            {
                appender.CreateRow().AppendValue(seq).AppendValue(key).EndRow();
            }
        }

        connection.Execute(SqlScripts.Get("Ingest/FillDeploymentKeys.sql"));
        transaction.Commit();
    }
}
