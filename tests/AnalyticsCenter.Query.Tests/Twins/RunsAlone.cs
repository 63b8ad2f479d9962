namespace AnalyticsCenter.Query.Tests.Twins;

/// <summary>
/// The twins run alone, after the other classes: their stores and generated month would otherwise grow the process heap
/// that the streaming writers' tests measure.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class RunsAlone;
