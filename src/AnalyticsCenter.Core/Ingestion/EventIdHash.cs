using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace AnalyticsCenter.Core.Ingestion;

/// <summary>A 64-bit hash of an event's (workspace, event id), which a store may keep to find repeats without reading every id.</summary>
public static class EventIdHash
{
    /// <summary>The hash of an event id: never 0, which stores may use to mark an empty slot.</summary>
    public static ulong Of(string workspace, string eventId)
    {
        var seed = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(workspace.AsSpan()));
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()), (long)seed);
        return hash == 0 ? 1 : hash;
    }
}
