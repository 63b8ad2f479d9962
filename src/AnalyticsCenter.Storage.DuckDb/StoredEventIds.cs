using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// A 64-bit hash of every stored (workspace, event id), kept by the store between ingests, so that a batch none of whose
/// ids can be stored already skips the duplicate check (a scan of every stored id). A hash seen before only makes an
/// event a candidate: the check itself decides. Purged events stay in the set, which costs a needless check at most.
/// </summary>
internal sealed class StoredEventIds
{
    private readonly HashSet<ulong> _hashes = [];

    public static StoredEventIds Load(DuckDBConnection connection)
    {
        var ids = new StoredEventIds();
        using var command = connection.Prepare("SELECT workspace_id, event_id FROM ac.events");
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids._hashes.Add(Hash(reader.GetString(0), reader.GetString(1)));
        }

        return ids;
    }

    /// <summary>Records the id; false when it may be stored already (or earlier in the same batch).</summary>
    public bool AddNew(string workspace, string eventId) => _hashes.Add(Hash(workspace, eventId));

    // Two differently seeded 32-bit hashes make one 64-bit hash: the set lives in one process, so its seeds may too.
    private static ulong Hash(string workspace, string eventId) =>
        ((ulong)(uint)HashCode.Combine(workspace, eventId) << 32) | (uint)HashCode.Combine(eventId, workspace, 0x5bd1e995);
}
