using System.Runtime.Intrinsics.X86;
using AnalyticsCenter.Core.Ingestion;
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
        using var command = connection.Prepare(SqlScripts.Get("Ingest/StoredIdHashes.sql"));
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var hash = reader.IsDBNull(1) ? EventIdHash.Of(reader.GetString(2), reader.GetString(3)) : (ulong)reader.GetInt64(1);
            ids.Add(hash, reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Makes room for about <paramref name="more"/> new events, so a large ingest does not grow the table step by step.</summary>
    public void Reserve(long more)
    {
        foreach (var shard in _shards)
        {
            shard.Reserve(more >> ShardBits);
        }
    }

    /// <summary>
    /// Records an event of <paramref name="hash"/> at <paramref name="seq"/>; when one of the same hash was recorded at
    /// an earlier seq, returns that seq (and records nothing).
    /// </summary>
    public long? Add(ulong hash, long seq) => ShardOf(hash).Add(hash, seq);

    /// <summary>
    /// Starts loading the slot where <paramref name="hash"/> would be added (0: nothing). The table is far larger than
    /// the CPU's caches, so each add would otherwise wait for memory.
    /// </summary>
    public void Prefetch(ulong hash)
    {
        if (hash != 0)
        {
            ShardOf(hash).Prefetch(hash);
        }
    }

    /// <summary>A hash's shard, from its top bits (a shard's slots come from its low bits).</summary>
    private Shard ShardOf(ulong hash) => _shards[hash >> (64 - ShardBits)];

    /// <summary>An open-addressing table of hashes and the first seq of each, side by side so a probe touches one cache line.</summary>
    private sealed class Shard
    {
        private const double MaxLoad = 0.7;
        private Entry[] _entries;
        private int _count;

        public Shard(long expected) => _entries = new Entry[Capacity(expected)];

        /// <summary>Makes room for <paramref name="more"/> entries at once, instead of growing by doubling on the way.</summary>
        public void Reserve(long more)
        {
            if (Capacity(_count + more) > _entries.Length)
            {
                Resize(Capacity(_count + more));
            }
        }

        public long? Add(ulong hash, long seq)
        {
            for (var slot = Home(hash, _entries.Length); ; slot = slot + 1 == _entries.Length ? 0 : slot + 1)
            {
                ref var entry = ref _entries[slot];
                if (entry.Hash == 0)
                {
                    entry = new Entry(hash, seq);
                    if (++_count > _entries.Length * MaxLoad)
                    {
                        Resize(_entries.Length * 2);
                    }

                    return null;
                }

                if (entry.Hash == hash)
                {
                    // Rows load in no particular order: the earliest seq is the one to keep.
                    var first = entry.Seq;
                    entry = new Entry(hash, Math.Min(first, seq));
                    return first < seq ? first : null;
                }
            }
        }

        public unsafe void Prefetch(ulong hash)
        {
            if (Sse.IsSupported)
            {
                fixed (Entry* entry = &_entries[Home(hash, _entries.Length)])
                {
                    Sse.Prefetch0(entry);
                }
            }
        }

        private static int Capacity(long expected) => (int)Math.Max(64, expected / MaxLoad + 1);

        /// <summary>A slot from the hash's low 32 bits, for any capacity (the shard came from its top bits).</summary>
        private static int Home(ulong hash, int capacity) => (int)(((hash & uint.MaxValue) * (ulong)capacity) >> 32);

        private void Resize(int capacity)
        {
            var entries = _entries;
            _entries = new Entry[capacity];
            foreach (var entry in entries)
            {
                if (entry.Hash != 0)
                {
                    var slot = Home(entry.Hash, capacity);
                    while (_entries[slot].Hash != 0)
                    {
                        slot = slot + 1 == capacity ? 0 : slot + 1;
                    }

                    _entries[slot] = entry;
                }
            }
        }

        private readonly record struct Entry(ulong Hash, long Seq);
    }
}
