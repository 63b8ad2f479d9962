namespace AnalyticsCenter.Web.Tests;

/// <summary>Tests that run with no other test beside them.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
