namespace AnalyticsCenter.Core.Storage;

/// <summary>An allowed tenant query that the database could not run (an unknown column, a bad cast…).</summary>
public sealed class QueryFailedException(string message, Exception? inner = null) : Exception(message, inner);
