namespace AnalyticsCenter.Storage.DuckDb;

/// <summary>What the reference (<see cref="ReferenceSessionize"/>) loaded and made, and how long each step took.</summary>
public sealed record ReferenceReport(long Events, long Sessions, Timing Load, Timing Sessionize)
{
    public Timing Total => Load.Add(Sessionize);
}
