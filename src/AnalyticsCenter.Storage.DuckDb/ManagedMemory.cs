namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>The .NET heap's share of the process, handed back where DuckDB is about to need its own.</summary>
internal static class ManagedMemory
{
    /// <summary>
    /// Collects everything unreachable now and returns the freed memory to the system. Without it the heap keeps what it
    /// last grew to (nothing allocates to prompt a collection while DuckDB works), and both peak together.
    /// </summary>
    public static void HandBack() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
