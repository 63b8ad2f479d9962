using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Where each stored (workspace, event id) was stored first, by a 64-bit hash of it: kept by the store between ingests,
/// so that a batch's duplicates are confirmed by reading the few rows their hashes point at, and a batch with none
/// skips the duplicate check (a scan of every stored id) altogether. A hash only points: the row it names decides.
/// </summary>
internal sealed class StoredEventIds
{
    private readonly Dictionary<ulong, long> _firstSeqs = [];

    private StoredEventIds(long nextSeq) => NextSeq = nextSeq;

    /// <summary>The seq the next stored event takes.</summary>
    public long NextSeq { get; private set; }

    public static StoredEventIds Load(DuckDBConnection connection)
    {
        var ids = new StoredEventIds(connection.Scalar<long>(SqlScripts.Get("Ingest/NextSeq.sql")));
        using var command = connection.Prepare("SELECT seq, workspace_id, event_id FROM ac.events ORDER BY seq");
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids._firstSeqs.TryAdd(Hash(reader.GetString(1), reader.GetString(2)), reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Records an event stored at <paramref name="seq"/>; returns the seq an event of the same hash was stored at first, if any.</summary>
    public long? Add(string workspace, string eventId, long seq)
    {
        NextSeq = Math.Max(NextSeq, seq + 1);
        var hash = Hash(workspace, eventId);
        if (_firstSeqs.TryGetValue(hash, out var first))
        {
            return first;
        }

        _firstSeqs[hash] = seq;
        return null;
    }

    // Two differently seeded 32-bit hashes make one 64-bit hash: the set lives in one process, so its seeds may too.
    private static ulong Hash(string workspace, string eventId) =>
        ((ulong)(uint)HashCode.Combine(workspace, eventId) << 32) | (uint)HashCode.Combine(eventId, workspace, 0x5bd1e995);
}
