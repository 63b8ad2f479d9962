using System.Buffers;
using System.Data.Common;
using System.Text;
using AnalyticsCenter.Core.Ingestion;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// A number for each byte-string key, loaded by the store's writer on its first ingest and kept between ingests: a key
/// it has not seen takes the next number, so the numbers stay small and pack into few bits. It numbers the timelines
/// (<c>ac.timelines.timeline_id</c>, by their <see cref="TimelineKey"/>) and the stored (workspace, deployment id) pairs
/// (<c>ac.events.deployment_key</c>: refresh scans compare it instead of decompressing the text, and since no two stored
/// pairs share one, comparing numbers is exact). A pair whose events were all purged is forgotten at the next load, and
/// its number may then go to another.
/// </summary>
internal sealed class NumberedKeys
{
    private readonly Dictionary<byte[], long> _numbers = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], long>.AlternateLookup<ReadOnlySpan<byte>> _byKey;
    private long _last;

    private NumberedKeys() => _byKey = _numbers.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>Every stored timeline's id.</summary>
    public static NumberedKeys Timelines(DuckDBConnection connection) => Load(
        connection,
        SqlScripts.Get("Ingest/Timelines.sql"),
        row => TimelineKey.Of(row.GetString(1), row.GetString(2), row.GetString(3), row.GetString(4)));

    /// <summary>Every stored deployment's key; events stored before the column existed are keyed now, in their own transaction.</summary>
    public static NumberedKeys Deployments(DuckDBConnection connection)
    {
        var keys = Load(connection, SqlScripts.Get("Ingest/DeploymentKeys.sql"), row => Pair(row.GetString(1), row.GetString(2)));
        keys.KeyUnkeyed(connection);
        return keys;
    }

    /// <summary>Keys the events stored before the deployment key existed, when there are any, so every statement can rely on it.</summary>
    public static void KeyOlderDeployments(DuckDBConnection connection)
    {
        if (connection.Scalar<long>(SqlScripts.Get("Ingest/CountUnkeyed.sql")) > 0)
        {
            Deployments(connection);
        }
    }

    /// <summary>The number of <paramref name="key"/>; one not seen before takes the next, and <paramref name="added"/> says so.</summary>
    public long Get(ReadOnlySpan<byte> key, out bool added)
    {
        added = !_byKey.TryGetValue(key, out var number);
        if (added)
        {
            number = ++_last;
            _numbers[key.ToArray()] = number;
        }

        return number;
    }

    /// <summary>The number of the (<paramref name="workspace"/>, <paramref name="deploymentId"/>) pair, given the next one if it has none.</summary>
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
            return Get(pair, out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads the (number, …) rows of <paramref name="sql"/>, each row's key made by <paramref name="key"/>.</summary>
    private static NumberedKeys Load(DuckDBConnection connection, string sql, Func<DbDataReader, byte[]> key)
    {
        var keys = new NumberedKeys();
        using var command = connection.Prepare(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var number = reader.GetInt64(0);
            keys._numbers[key(reader)] = number;
            keys._last = Math.Max(keys._last, number);
        }

        return keys;
    }

    /// <summary>A pair as the workspace's UTF-8 bytes, a NUL (never in a workspace id), and the deployment id's.</summary>
    private static byte[] Pair(string workspace, string deploymentId) => [.. Encoding.UTF8.GetBytes(workspace), 0, .. Encoding.UTF8.GetBytes(deploymentId)];

    private void KeyUnkeyed(DuckDBConnection connection)
    {
        var unkeyed = new List<(long Seq, long Key)>();
        using (var command = connection.Prepare(SqlScripts.Get("Ingest/UnkeyedDeployments.sql")))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                unkeyed.Add((reader.GetInt64(0), Get(Pair(reader.GetString(1), reader.GetString(2)), out _)));
            }
        }

        if (unkeyed.Count == 0)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        connection.Execute(SqlScripts.Get("Ingest/CreateDeploymentKeyFill.sql"));
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
