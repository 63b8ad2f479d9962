using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Web.Api;

/// <summary>
/// Ready reports' answers as they were sent, each kept under the workspace's data version it was computed at
/// (<see cref="Core.Storage.IDataVersions"/>): until that workspace's rows or uploads change, the same request gets the
/// same bytes without running its SQL again. Bounded in bytes; the least recently used answer goes first.
/// </summary>
internal sealed class KeptReports(long capacityBytes)
{
    // A dictionary entry, its list node and the key's strings, roughly: counted so that many tiny answers stay bounded too.
    private const int EntryOverheadBytes = 256;

    private readonly Dictionary<KeptReportKey, LinkedListNode<KeptReport>> _byKey = [];
    private readonly LinkedList<KeptReport> _byUse = [];
    private readonly Lock _lock = new();
    private long _bytes;

    /// <summary>The largest answer worth keeping: a sixteenth of the whole, so one answer never empties the rest.</summary>
    public long LargestAnswer => capacityBytes / 16;

    /// <summary>The answer kept for <paramref name="key"/> at <paramref name="version"/>; null when none is (or an older one).</summary>
    public KeptReport? Find(KeptReportKey key, long version)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var node) || node.Value.Version != version)
            {
                return null;
            }

            _byUse.Remove(node);
            _byUse.AddFirst(node);
            return node.Value;
        }
    }

    /// <summary>Keeps <paramref name="answer"/> (replacing any older one of its key), then lets the least used go until it fits.</summary>
    public void Keep(KeptReport answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Body.Length > LargestAnswer)
        {
            return;
        }

        lock (_lock)
        {
            if (_byKey.TryGetValue(answer.Key, out var kept))
            {
                // A slower request of an older version that finished last leaves the newer answer in place.
                if (kept.Value.Version > answer.Version)
                {
                    return;
                }

                _byKey.Remove(answer.Key);
                Forget(kept);
            }

            var node = _byUse.AddFirst(answer);
            _byKey[answer.Key] = node;
            _bytes += Size(answer);
            while (_bytes > capacityBytes && _byUse.Last is { } last)
            {
                _byKey.Remove(last.Value.Key);
                Forget(last);
            }
        }
    }

    /// <summary>The answers kept for <paramref name="workspace"/> at an older version than <paramref name="version"/>, the most recently used first.</summary>
    public IReadOnlyList<KeptReport> OlderThan(WorkspaceId workspace, long version)
    {
        lock (_lock)
        {
            return [.. _byUse.Where(answer => answer.Key.Workspace == workspace && answer.Version < version)];
        }
    }

    /// <summary>Lets the answer kept for <paramref name="key"/> go, when it is still the one at <paramref name="version"/>.</summary>
    public void Forget(KeptReportKey key, long version)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var node) && node.Value.Version == version)
            {
                _byKey.Remove(key);
                Forget(node);
            }
        }
    }

    private void Forget(LinkedListNode<KeptReport> node)
    {
        _byUse.Remove(node);
        _bytes -= Size(node.Value);
    }

    private static long Size(KeptReport answer) => answer.Body.Length + EntryOverheadBytes;
}
