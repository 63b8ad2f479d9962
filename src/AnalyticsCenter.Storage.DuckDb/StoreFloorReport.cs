namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>What <see cref="StoreFloor"/> measured.</summary>
/// <param name="Events">The stored events written and read.</param>
/// <param name="Write">Writing them into a fresh store's events table and checkpointing it.</param>
/// <param name="SortedRead">Reading them back in timeline order under the store's memory limit.</param>
public sealed record StoreFloorReport(long Events, TimeSpan Write, TimeSpan SortedRead)
{
    /// <summary>Both together: less than any ingest and full refresh of the same events can take.</summary>
    public TimeSpan Total => Write + SortedRead;
}
