namespace AnalyticsCenter.Cli;

/// <summary>A command was given values it cannot use; the message says which and why.</summary>
internal sealed class UsageException(string message) : Exception(message);
