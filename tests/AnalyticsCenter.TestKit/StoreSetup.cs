using AnalyticsCenter.Core.Storage;

namespace AnalyticsCenter.TestKit;

/// <summary>What a test asks of its store beyond the defaults, in terms both stores understand.</summary>
public sealed record StoreSetup
{
    public static StoreSetup Default { get; } = new();

    /// <summary>Lines per ingest batch, small to make a test cross batch boundaries; the store's default when null.</summary>
    public int? IngestBatchLines { get; init; }

    /// <summary>How long events and rows are kept; the store's default (30 days) when null.</summary>
    public RetentionPeriod? Retention { get; init; }
}
