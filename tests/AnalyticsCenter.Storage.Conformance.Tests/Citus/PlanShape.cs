namespace AnalyticsCenter.Storage.Conformance.Tests.Citus;

/// <summary>How Citus runs a statement of one workspace's refresh.</summary>
internal enum PlanShape
{
    /// <summary>On the one shard that holds the workspace: every distributed scan has one task, on that shard's worker.</summary>
    Router,

    /// <summary>
    /// On the workspace's shard, but in pieces: every distributed scan has one task on that worker, yet Citus brings some
    /// pieces' rows to the coordinator (distributed subplans) and sends them back to be joined. Not the goal: each statement
    /// of this shape carries a comment saying why it is so today.
    /// </summary>
    ShardPiecesViaCoordinator,

    /// <summary>On every shard at once (a statement about all workspaces): one distributed scan with a task per shard.</summary>
    EveryShard,
}
