namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>How Citus runs a statement of one workspace's refresh.</summary>
internal enum PlanShape
{
    /// <summary>
    /// Whole on the one shard that holds the workspace: every distributed scan has one task, on that shard's worker, and
    /// no rows pass through the coordinator between pieces.
    /// </summary>
    Router,

    /// <summary>On every shard at once (a statement about all workspaces): one distributed scan with a task per shard.</summary>
    EveryShard,
}
