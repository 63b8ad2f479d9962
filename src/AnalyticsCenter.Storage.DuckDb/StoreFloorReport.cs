namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>What <see cref="StoreFloor"/> measured.</summary>
/// <param name="Events">The stored events written and read.</param>
/// <param name="Sessions">The rows of sessions written.</param>
/// <param name="Deployments">The rows of deployments written.</param>
/// <param name="Json">Reading the events file and tokenizing every line's JSON, on every core.</param>
/// <param name="Write">Writing the stored events into a fresh store's events table and checkpointing it.</param>
/// <param name="SortedRead">Reading them back in timeline order under the store's memory limit.</param>
/// <param name="Rows">Writing the rows of the two tables and checkpointing them.</param>
public sealed record StoreFloorReport(long Events, long Sessions, long Deployments, Timing Json, Timing Write, Timing SortedRead, Timing Rows)
{
    /// <summary>All four together: less than any ingest and full refresh of the same file can take.</summary>
    public Timing Total => Json.Add(Write).Add(SortedRead).Add(Rows);
}
