namespace AnalyticsCenter.Core.Storage;

/// <summary>
/// A store that takes several writing transactions at once (ingests, refreshes): a database server that keeps each
/// whole and settles what they share itself (a unique key finds a duplicate whichever transaction stored it first). A host
/// may then run several writers side by side. A store without this role takes one writer at a time: a file that one
/// process writes.
/// </summary>
public interface IConcurrentWrites
{
    /// <summary>The most writing transactions the store runs at once (its connections); writers beyond it would only wait.</summary>
    int MaxConcurrentWrites { get; }
}
