using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>
/// One input line after parsing: an event with its stored details and the hash of its id (<see cref="StoredEventIds.Hash"/>,
/// 0 for a rejection), or a rejection with the raw text it keeps.
/// </summary>
internal readonly record struct ParsedLine(
    long LineNumber, PlatformEvent? Event, byte[]? Details, ulong IdHash, Rejection? Rejection, string? Workspace, string? Raw);
