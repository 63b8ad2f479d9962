using AnalyticsCenter.Core.Events;

namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>One input line after parsing: an event with its stored details, or a rejection with the raw text it keeps.</summary>
internal readonly record struct ParsedLine(long LineNumber, PlatformEvent? Event, byte[]? Details, Rejection? Rejection, string? Workspace, string? Raw);
