using System.IO.Hashing;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// Where each stored (workspace, event id) was stored first, by a 64-bit hash of it: kept by the store's writer between
/// ingests, so that an event whose id was never stored goes straight in, and one whose hash was seen is held back until
/// the row its hash points at confirms it a duplicate. Duplicates are never appended, so nothing is deleted from a
/// batch before its commit (which would make DuckDB rewrite the batch's row groups). A hash only points: the row decides.
/// </summary>
internal sealed class StoredEventIds
{
    /// <summary>Shards grow one at a time, so growing never holds two copies of the whole table.</summary>
    private const int ShardBits = 8;
    private readonly Shard[] _shards = new Shard[1 << ShardBits];

    private StoredEventIds(long nextSeq, long expected)
    {
        NextSeq = nextSeq;
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard(expected >> ShardBits);
        }
    }

    /// <summary>The seq the next stored event takes.</summary>
    public long NextSeq { get; set; }

    public static StoredEventIds Load(DuckDBConnection connection)
    {
        var ids = new StoredEventIds(
            connection.Scalar<long>(SqlScripts.Get("Ingest/NextSeq.sql")), connection.Scalar<long>("SELECT count(*) FROM ac.events"));
        using var command = connection.Prepare("SELECT seq, workspace_id, event_id FROM ac.events");
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(1), reader.GetString(2), reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// Records an event at <paramref name="seq"/>; when an event of the same hash was recorded at an earlier seq,
    /// returns that seq (and records nothing).
    /// </summary>
    public long? Add(string workspace, string eventId, long seq)
    {
        var hash = Hash(workspace, eventId);
        return _shards[hash >> (64 - ShardBits)].Add(hash, seq);
    }

    private static ulong Hash(string workspace, string eventId)
    {
        var seed = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(workspace.AsSpan()));
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()), (long)seed);
        return hash == 0 ? 1 : hash; // 0 marks an empty slot
    }

    /// <summary>An open-addressing table of hashes and the first seq of each.</summary>
    private sealed class Shard
    {
        private const double MaxLoad = 0.7;
        private ulong[] _hashes;
        private long[] _seqs;
        private int _count;

        public Shard(long expected)
        {
            var capacity = 256;
            while (capacity * MaxLoad < expected)
            {
                capacity *= 2;
            }

            (_hashes, _seqs) = (new ulong[capacity], new long[capacity]);
        }

        public long? Add(ulong hash, long seq)
        {
            var mask = _hashes.Length - 1;
            for (var slot = (int)(hash & (ulong)mask); ; slot = (slot + 1) & mask)
            {
                if (_hashes[slot] == 0)
                {
                    (_hashes[slot], _seqs[slot]) = (hash, seq);
                    if (++_count > _hashes.Length * MaxLoad)
                    {
                        Grow();
                    }

                    return null;
                }

                if (_hashes[slot] == hash)
                {
                    // Rows load in no particular order: the earliest seq is the one to keep.
                    var first = _seqs[slot];
                    _seqs[slot] = Math.Min(first, seq);
                    return first < seq ? first : null;
                }
            }
        }

        private void Grow()
        {
            var (hashes, seqs) = (_hashes, _seqs);
            (_hashes, _seqs) = (new ulong[hashes.Length * 2], new long[hashes.Length * 2]);
            var mask = _hashes.Length - 1;
            for (var i = 0; i < hashes.Length; i++)
            {
                if (hashes[i] != 0)
                {
                    var slot = (int)(hashes[i] & (ulong)mask);
                    while (_hashes[slot] != 0)
                    {
                        slot = (slot + 1) & mask;
                    }

                    (_hashes[slot], _seqs[slot]) = (hashes[i], seqs[i]);
                }
            }
        }
    }
}
