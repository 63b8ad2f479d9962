namespace AnalyticsCenter.Core.Storage;

/// <summary>A tenant query that is not allowed: the message says why, in words; nothing ran.</summary>
public sealed class QueryRefusedException(string message) : Exception(message);
