namespace AnalyticsCenter.Core.Storage;

/// <summary>The store cannot be opened: missing, held by another process, or not a store. The message says which.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
