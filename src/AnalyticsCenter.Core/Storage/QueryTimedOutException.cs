namespace AnalyticsCenter.Core.Storage;

/// <summary>A tenant query that ran past its time limit and was interrupted.</summary>
public sealed class QueryTimedOutException(TimeSpan limit)
    : Exception(
        $"the query ran longer than its time limit of {limit.TotalSeconds:0.###} s and was stopped; narrow it (a date range, fewer joins) or raise the limit")
{
    public TimeSpan Limit { get; } = limit;
}
