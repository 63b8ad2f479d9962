using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.Cli.Stores;

/// <summary>What a command asks of the store it opens, whichever store it is. Immutable; null leaves the store's default.</summary>
internal sealed record StoreOpenOptions
{
    /// <summary>The command only reads: a DuckDB file is opened read-only, so other readers can share it. Default false.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The retention window of the workspaces that set none, for the refreshes this command runs.</summary>
    public RetentionPeriod? Retention { get; init; }

    /// <summary>A tenant query is interrupted after this long.</summary>
    public TimeSpan? QueryTimeout { get; init; }
}
