namespace AnalyticsCenter.Core.Subscriptions;

/// <summary>What a subscription delivers.</summary>
public enum SourceKind
{
    /// <summary>One of the workspace's saved queries, by id.</summary>
    SavedQuery,

    /// <summary>A ready report, by name, with its parameters.</summary>
    Report,
}
