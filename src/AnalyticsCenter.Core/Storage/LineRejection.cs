namespace AnalyticsCenter.Core.Storage;

/// <summary>A rejected line as an ingest reports it: where, and why in words.</summary>
public sealed record LineRejection(long LineNumber, string Reason);
