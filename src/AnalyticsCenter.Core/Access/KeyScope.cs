namespace AnalyticsCenter.Core.Access;

/// <summary>What a workspace API key may do. The numbers are stored; never renumber them.</summary>
public enum KeyScope
{
    /// <summary>Query the workspace's tables.</summary>
    Read = 1,

    /// <summary>Post events into the workspace.</summary>
    Ingest = 2,

    /// <summary>Everything, including what <see cref="Read"/> and <see cref="Ingest"/> allow.</summary>
    Admin = 3,
}
