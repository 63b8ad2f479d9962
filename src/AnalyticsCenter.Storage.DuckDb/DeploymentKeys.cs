using System.Buffers;
using System.IO.Hashing;
using System.Text;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// The numeric key of every stored (workspace, deployment id), which <c>ac.events.deployment_key</c> keeps: refresh scans
/// compare it instead of decompressing the text. A key is the pair's 64-bit hash, or the next free number after it when
/// another pair holds that hash, so no two stored pairs share one and comparing keys is exact. Kept by the store's writer
/// between ingests, like the timeline ids; a pair whose events were all purged keeps its key until the next load.
/// </summary>
internal sealed class DeploymentKeys
{
    /// <summary>Each key's pair: the workspace's UTF-8 bytes, a NUL (never in a workspace id), the deployment id's.</summary>
    private readonly Dictionary<long, byte[]> _pairs = [];

    private DeploymentKeys()
    {
    }

    /// <summary>Loads every stored key; events stored before the column existed are keyed now, in their own transaction.</summary>
    public static DeploymentKeys Load(DuckDBConnection connection)
    {
        var keys = new DeploymentKeys();
        using (var command = connection.Prepare(SqlScripts.Get("Ingest/DeploymentKeys.sql")))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys._pairs[reader.GetInt64(0)] = Pair(Encoding.UTF8.GetBytes(reader.GetString(1)), Encoding.UTF8.GetBytes(reader.GetString(2)));
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

    /// <summary>The key of (<paramref name="workspace"/>, <paramref name="deploymentId"/>), given one now if it has none.</summary>
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
            for (var key = unchecked((long)XxHash3.HashToUInt64(pair)); ; key = unchecked(key + 1))
            {
                if (!_pairs.TryGetValue(key, out var held))
                {
                    _pairs[key] = pair.ToArray();
                    return key;
                }

                if (held.AsSpan().SequenceEqual(pair))
                {
                    return key;
                }
            }
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
