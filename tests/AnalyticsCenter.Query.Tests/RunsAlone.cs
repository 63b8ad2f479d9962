namespace AnalyticsCenter.Query.Tests;

/// <summary>
/// Classes that run alone, after the others: the streaming writers' tests measure the process heap, which any class
/// running beside them grows, and the twins' stores and generated month would grow it the most.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class RunsAlone;
