namespace AnalyticsCenter.Demo;

/// <summary>How a bad line is spoiled; every one of these is a rejection by the contract.</summary>
internal enum Defect : byte
{
    None,
    InvalidJson,
    NoOffset,
    UnknownType,
    BadPhone,
    MissingEventId,
    MissingType,
    MissingOccurredAt,
    MissingWorkspaceId,
    MissingLine,
    MissingUser,
    MissingDeploymentId,
}
